// A roster's household as the create form would send it, and back: each cell maps to a field of
// ZCreateHouseholdRequestSchema, and each of the schema's issues to the cell it is about.
import type { TCreateHouseholdRequest } from '../../../common/contracts/household/create-household'
import {
  type HouseholdColumnKey,
  type ImportColumn,
  type MemberColumnKey,
  type RiskColumnKey,
  ROSTER_SHEETS,
} from './household-roster-columns'
import type { SheetRow } from './household-roster-read'

export type Candidate = {
  household: SheetRow<HouseholdColumnKey>
  members: SheetRow<MemberColumnKey>[]
  risks: SheetRow<RiskColumnKey>[]
  /** The schema's output, when the household passed it. */
  input: TCreateHouseholdRequest | null
}

export const headerOf = (columns: readonly ImportColumn[], key: string) =>
  columns.find((c) => c.key === key)?.header ?? null

/** A zod issue's path → the cell it is about. */
export const locate = (candidate: Candidate, path: readonly PropertyKey[]) => {
  const { household, member, risk } = ROSTER_SHEETS
  const [first, index, field, sub] = path
  if ((first === 'members' || first === 'risks') && typeof index === 'number') {
    if (first === 'members') {
      const row = candidate.members[index]?.row ?? null
      const key = field === 'health' ? (sub === 'detail' ? 'healthDetail' : 'healthStatus') : String(field)
      return { sheet: member.name, row, column: headerOf(member.columns, key) }
    }
    const row = candidate.risks[index]?.row ?? null
    return { sheet: risk.name, row, column: headerOf(risk.columns, field === 'code' ? 'riskCode' : String(field)) }
  }
  const key = first === 'responsibleUserId' ? 'responsible' : String(first ?? '')
  return { sheet: household.name, row: candidate.household.row, column: headerOf(household.columns, key) }
}

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>

/**
 * The household as the create form would send it; blanks left out, so the schema's defaults apply.
 * A column's key is its field's name in the form (household-roster-columns.ts), but for the
 * 户编号 that ties a member's or a risk's row to its household, and the fields below.
 */
export const formOf = (villageId: string, c: Candidate, responsibleUserId: string | undefined) => {
  // 帮扶责任人 is a name in the file, an account's id in the form.
  const { responsible: _name, ...household } = c.household.values
  return defined({
    villageId,
    ...household,
    responsibleUserId,
    members: c.members.map(({ values: { code: _code, healthStatus, healthDetail, ...member } }) =>
      defined({
        ...member,
        health: healthStatus === undefined ? undefined : defined({ status: healthStatus, detail: healthDetail }),
      }),
    ),
    risks: c.risks.map(({ values: r }) =>
      defined({
        code: r.riskCode,
        identifiedMonth: r.identifiedMonth,
        isEliminated: r.isEliminated,
        eliminatedMonth: r.eliminatedMonth,
        eliminationMethod: r.eliminationMethod,
      }),
    ),
  })
}
