// Checking every household of a read roster (household-roster-read.ts) before anything is written:
//   - field rules are the household create procedure's own (ZCreateHouseholdRequestSchema), run on
//     each household as the form would send it; this file only maps cells to fields and issues
//     back to cells;
//   - duplicates within the file, and of households already recorded, as the create procedure
//     refuses them; 帮扶责任人 by name; the 疑点 as warnings.

import type { z } from 'zod'
import { normaliseName } from '../../../common/contracts/fields'
import {
  type TCreateHouseholdRequest,
  ZCreateHouseholdRequestSchema,
} from '../../../common/contracts/household/create-household'
import type { RosterCheck } from '../../../common/contracts/import/household-roster-import'
import { idNumberProblem } from '../../../common/personal-data'
import { liveOn } from '../auth/periods'
import { householdDataChecks } from '../households/data-checks'
import type { ServiceContext } from '../service-context'
import type { CellValue } from './household-roster-cells'
import {
  EXAMPLE_CODE,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  MEMBER_SHEET,
  type MemberColumnKey,
  RISK_SHEET,
  type RiskColumnKey,
} from './household-roster-columns'
import { type Candidate, formOf, headerOf, locate } from './household-roster-form'
import { byPlace } from './household-roster-issues'
import type { ParsedRoster, SheetRow } from './household-roster-read'
import { collectIssues, issueAt } from './import-issues'

const idNumberOf = (value: CellValue) => {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : ''
  return text && !idNumberProblem(text) ? text : null
}

const chunks = <T>(items: readonly T[], size = 1000): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size))

/**
 * Every household of the file checked: the create schema, duplicates within the file, duplicates
 * of households already recorded (户编号 in the village; ID numbers anywhere, as the create
 * procedure refuses them), 帮扶责任人 by name, and the 疑点 as warnings.
 */
export const checkRoster = async ({
  ctx,
  villageId,
  parsed,
}: {
  ctx: ServiceContext
  villageId: string
  parsed: ParsedRoster
}): Promise<RosterCheck & { inputs: TCreateHouseholdRequest[] }> => {
  const { errors, fail, warn, listed } = collectIssues(parsed)
  const codeHeader = '户编号'

  // Households by 户编号; a repeated 户编号 is an error on the later row.
  const byCode = new Map<string, Candidate>()
  const candidates: Candidate[] = []
  for (const household of parsed.households) {
    const code = household.raw.code ?? ''
    const first = code ? byCode.get(code) : undefined
    if (first) {
      fail(
        issueAt(
          HOUSEHOLD_SHEET,
          household.row,
          codeHeader,
          'DUPLICATE_IN_FILE',
          `与第${first.household.row}行重复（户编号）`,
        ),
      )
      continue
    }
    const candidate: Candidate = { household, members: [], risks: [], input: null }
    if (code) byCode.set(code, candidate)
    candidates.push(candidate)
  }
  for (const [sheet, rows, attach] of [
    [MEMBER_SHEET, parsed.members, (c: Candidate, r: SheetRow<MemberColumnKey>) => c.members.push(r)],
    [RISK_SHEET, parsed.risks, (c: Candidate, r: SheetRow<RiskColumnKey>) => c.risks.push(r)],
  ] as const) {
    for (const row of rows as SheetRow<string>[]) {
      const code = row.raw.code ?? ''
      const candidate = byCode.get(code)
      if (candidate) (attach as (c: Candidate, r: SheetRow<string>) => void)(candidate, row)
      else if (code)
        fail(
          issueAt(sheet, row.row, codeHeader, 'UNKNOWN_HOUSEHOLD', `「${HOUSEHOLD_SHEET}」表中没有户编号「${code}」`),
        )
    }
  }

  // 帮扶责任人 by name: an active account with a role, as the create procedure requires.
  const names = [
    ...new Set(
      candidates.flatMap((c) => (c.household.raw.responsible ? [normaliseName(c.household.raw.responsible)] : [])),
    ),
  ]
  const users = names.length
    ? await ctx.db.user.findMany({
        where: { displayName: { in: names }, isActive: true, memberships: { some: liveOn() } },
        select: { id: true, displayName: true },
      })
    : []
  const responsibleOf = (candidate: Candidate): string | undefined => {
    const name = normaliseName(candidate.household.raw.responsible ?? '')
    if (!name) return undefined
    const matches = users.filter((u) => u.displayName === name)
    const column = headerOf(HOUSEHOLD_COLUMNS, 'responsible')
    if (matches.length === 1) return matches[0]?.id
    fail(
      issueAt(
        HOUSEHOLD_SHEET,
        candidate.household.row,
        column,
        matches.length ? 'DUPLICATE_EXISTING' : 'UNKNOWN_VALUE',
        matches.length ? `有多个名为「${name}」的账号，请导入后在系统中指定` : `系统中没有名为「${name}」的在用账号`,
      ),
    )
    return undefined
  }

  // The create procedure's schema, household by household.
  for (const candidate of candidates) {
    const form = formOf(villageId, candidate, responsibleOf(candidate))
    const result = ZCreateHouseholdRequestSchema.safeParse(form)
    if (!result.success) {
      for (const zodIssue of (result.error as z.ZodError).issues) {
        const at = locate(candidate, zodIssue.path)
        fail(issueAt(at.sheet, at.row, at.column, 'INVALID_VALUE', zodIssue.message))
      }
      continue
    }
    // A new member's 健康状况 is required (memberData), though the update form may omit it.
    result.data.members.forEach((member, i) => {
      if (!member.health)
        fail(issueAt(MEMBER_SHEET, candidate.members[i]?.row ?? null, '健康状况', 'INVALID_VALUE', '请选择健康状况'))
    })
    candidate.input = result.data
  }

  // ID numbers: once in the whole file (the 户主 may be listed again among the members as 户主).
  type IdPlace = { sheet: string; row: number; column: string; candidate: Candidate }
  const ids = new Map<string, IdPlace>()
  const places: (IdPlace & { idNumber: string })[] = []
  for (const candidate of candidates) {
    const headId = idNumberOf(candidate.household.values.idNumber)
    const headPlace = { sheet: HOUSEHOLD_SHEET, row: candidate.household.row, column: '户主身份证号码', candidate }
    if (headId) places.push({ ...headPlace, idNumber: headId })
    for (const member of candidate.members) {
      const id = idNumberOf(member.values.idNumber)
      if (!id) continue
      if (id === headId && member.values.relationship === 'HEAD') continue
      places.push({ sheet: MEMBER_SHEET, row: member.row, column: '身份证号码', candidate, idNumber: id })
    }
  }
  for (const place of places) {
    const first = ids.get(place.idNumber)
    if (!first) {
      ids.set(place.idNumber, place)
      continue
    }
    const where = first.sheet === place.sheet ? `第${first.row}行` : `「${first.sheet}」第${first.row}行`
    fail(issueAt(place.sheet, place.row, place.column, 'DUPLICATE_IN_FILE', `与${where}重复（身份证号码）`))
  }

  // Already recorded: 户编号 in this village, ID numbers in any household (under every key).
  const codes = [...byCode.keys()]
  const takenCodes = new Set<string>()
  for (const chunk of chunks(codes)) {
    const rows = await ctx.db.household.findMany({ where: { villageId, code: { in: chunk } }, select: { code: true } })
    for (const row of rows) takenCodes.add(row.code)
  }
  for (const candidate of candidates) {
    const code = candidate.household.raw.code ?? ''
    if (takenCodes.has(code))
      fail(
        issueAt(
          HOUSEHOLD_SHEET,
          candidate.household.row,
          codeHeader,
          'DUPLICATE_EXISTING',
          '与已有困难户重复（户编号）',
        ),
      )
  }
  const hashesOf = new Map<string, string[]>()
  for (const idNumber of ids.keys()) hashesOf.set(idNumber, ctx.crypto.blindIndexes(idNumber, 'idNumber'))
  const allHashes = [...hashesOf.values()].flat()
  const takenHashes = new Set<string>()
  for (const chunk of chunks(allHashes)) {
    const [heads, members] = await Promise.all([
      ctx.db.household.findMany({ where: { idNumberHash: { in: chunk } }, select: { idNumberHash: true } }),
      ctx.db.householdMember.findMany({ where: { idNumberHash: { in: chunk } }, select: { idNumberHash: true } }),
    ])
    for (const row of [...heads, ...members]) if (row.idNumberHash) takenHashes.add(row.idNumberHash)
  }
  if (takenHashes.size) {
    for (const place of places) {
      if ((hashesOf.get(place.idNumber) ?? []).some((h) => takenHashes.has(h)))
        fail(issueAt(place.sheet, place.row, place.column, 'DUPLICATE_EXISTING', '与已有困难户重复（身份证号码）'))
    }
  }

  if (!candidates.length && !errors.length)
    fail(
      issueAt(
        HOUSEHOLD_SHEET,
        null,
        null,
        'NO_HOUSEHOLDS',
        `没有要导入的困难户（户编号为「${EXAMPLE_CODE}」的示例行不会导入）`,
      ),
    )

  // 疑点: warnings only.
  for (const candidate of candidates) {
    if (!candidate.input) continue
    for (const check of householdDataChecks(candidate.input))
      warn(issueAt(HOUSEHOLD_SHEET, candidate.household.row, null, check.code, check.message))
  }

  return {
    digest: parsed.digest,
    counts: {
      households: candidates.length,
      members: candidates.reduce((n, c) => n + c.members.length, 0),
      risks: candidates.reduce((n, c) => n + c.risks.length, 0),
    },
    ...listed(byPlace),
    inputs: errors.length ? [] : candidates.flatMap((c) => (c.input ? [c.input] : [])),
  }
}
