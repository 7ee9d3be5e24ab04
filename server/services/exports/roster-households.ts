// The households a 花名册 lists, and the cells both rosters show alike: the internal roster
// (household-roster.ts) and its 公示 version (household-roster-public.ts) list the same households,
// in the caller's scope and the village asked for, never anonymised ones, in the same order.
import type { THouseholdRosterRequest } from '../../../common/contracts/export/household-roster'
import { dateToDateOnly } from '../../../common/dates'
import { RISK_CODE_LABELS, type RiskCode } from '../../../common/enums'
import type { Prisma } from '../../generated/prisma/client'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { keysetBatches, type XlsxExport } from './xlsx-stream'

export type HouseholdRosterExport = XlsxExport<THouseholdRosterRequest>

const rosterWhere = (ctx: ServiceContext, input: THouseholdRosterRequest): Prisma.HouseholdWhereInput => ({
  AND: [householdScope(ctx.actor), { anonymisedAt: null }, input.villageId ? { villageId: input.villageId } : {}],
})

/** Households are unique by (village, 户编号): the keyset orders on both. */
const ROSTER_ORDER = [
  { villageId: 'asc' },
  { code: 'asc' },
] as const satisfies Prisma.HouseholdOrderByWithRelationInput[]

/** The households after the last one read, in ROSTER_ORDER. */
const afterHousehold = (last: { villageId: string; code: string } | undefined): Prisma.HouseholdWhereInput =>
  last ? { OR: [{ villageId: { gt: last.villageId } }, { villageId: last.villageId, code: { gt: last.code } }] } : {}

/** The roster's households, read with `select`, in keyset batches that wait for the client. */
export const rosterBatches = <S extends Prisma.HouseholdSelect & { villageId: true; code: true }>({
  ctx,
  input,
  output,
  batchSize,
  select,
}: Required<HouseholdRosterExport> & { select: S }) => {
  const where = rosterWhere(ctx, input)
  // Prisma cannot see through a generic select that the rows carry the keyset's fields; S requires them.
  type Row = Prisma.HouseholdGetPayload<{ select: S }> & { villageId: string; code: string }
  return keysetBatches<Row>({
    output,
    batchSize,
    read: (last, take) =>
      ctx.db.household.findMany({
        where: { AND: [where, afterHousehold(last)] },
        select,
        orderBy: [...ROSTER_ORDER],
        take,
      }) as Promise<Row[]>,
  })
}

/** 风险类型: the risks not yet eliminated, as the household list shows them, `因病、缺劳动力`. */
export const riskLabels = (risks: readonly { code: RiskCode }[]): string | null =>
  risks.length ? risks.map((r) => RISK_CODE_LABELS[r.code]).join('、') : null

export const currentRisks = {
  where: { isEliminated: false },
  orderBy: { identifiedMonth: 'asc' },
  select: { code: true },
} as const satisfies Prisma.Household$risksArgs

export const dateCell = (date: Date | null): string | null => (date ? dateToDateOnly(date) : null)
