// The 困难户花名册 import (docs/exports.md "Import"): a cadre uploads the roster they
// already keep, filled into our template; a dry run reports every problem by sheet, row and column;
// a commit writes every household, or none.
//   - Field rules are the household create procedure's own (ZCreateHouseholdRequestSchema), run on
//     each household as the form would send it; this file only maps cells to fields and issues
//     back to cells.
//   - The commit writes through insertHousehold, the service the create procedure uses: scope,
//     encryption, blind indexes, duplicate checks and audit all apply. It runs in ONE transaction
//     under the caller's retry key (runIdempotent), as a tRPC mutation does: a repeat with the same
//     key answers the first result; a crash mid-way leaves nothing.
import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import type { z } from 'zod'
import { normaliseName } from '../../../common/contracts/fields'
import {
  type TCreateHouseholdRequest,
  ZCreateHouseholdRequestSchema,
} from '../../../common/contracts/household/create-household'
import type {
  ImportIssue,
  ImportIssueCode,
  RosterCheck,
} from '../../../common/contracts/import/household-roster-import'
import { idNumberProblem } from '../../../common/personal-data'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { liveOn } from '../auth/periods'
import { insertHousehold } from '../households/create-household'
import { householdDataChecks } from '../households/data-checks'
import { runIdempotent } from '../idempotency'
import type { ServiceContext } from '../service-context'
import { type CellValue, readCell } from './household-roster-cells'
import {
  EXAMPLE_CODE,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  RISK_COLUMNS,
  RISK_SHEET,
} from './household-roster-columns'

const issue = (
  sheet: string,
  row: number | null,
  column: string | null,
  code: ImportIssueCode,
  message: string,
): ImportIssue => ({
  sheet,
  row,
  column,
  code,
  message,
  text: `「${sheet}」${row === null ? '' : `第${row}行`}${column ? ` ${column}` : ''}：${message}`,
})

/** At most this many errors and warnings each are sent back; the counts say how many in all. */
const MAX_LISTED_ISSUES = 500

// ─── Reading the workbook ────────────────────────────────────────────────────────────

type SheetRow<K extends string> = {
  row: number
  values: Partial<Record<K, CellValue>>
  raw: Partial<Record<K, string>>
}

type HouseholdKey = (typeof HOUSEHOLD_COLUMNS)[number]['key']
type MemberKey = (typeof MEMBER_COLUMNS)[number]['key']
type RiskKey = (typeof RISK_COLUMNS)[number]['key']

export type ParsedRoster = {
  /** sha256 of the file's bytes, hex: what the commit must quote. */
  digest: string
  households: SheetRow<HouseholdKey>[]
  members: SheetRow<MemberKey>[]
  risks: SheetRow<RiskKey>[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
}

const normaliseHeader = (value: ExcelJS.CellValue) =>
  String(value ?? '')
    .replace(/[*＊\s]/g, '')
    .trim()

const textOfCell = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((p) => p.text).join('')
    if ('result' in value) return String(value.result ?? '')
    if ('text' in value) return String(value.text)
  }
  return String(value instanceof Date ? value.toISOString().slice(0, 10) : value).trim()
}

const readSheet = <C extends readonly ImportColumn[]>(
  sheet: ExcelJS.Worksheet,
  columns: C,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): SheetRow<C[number]['key']>[] => {
  type K = C[number]['key']
  const positions = new Map<string, number>()
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = normaliseHeader(cell.value)
    if (header) positions.set(header, col)
  })
  const known = new Set(columns.map((c) => c.header))
  for (const header of positions.keys())
    if (!known.has(header))
      warnings.push(issue(sheet.name, 1, header, 'UNKNOWN_COLUMN', '不是模板中的列，已忽略其内容'))
  const missing = columns.filter((c) => c.isRequired && !positions.has(c.header))
  for (const c of missing) errors.push(issue(sheet.name, 1, c.header, 'MISSING_COLUMN', '缺少这一列，请使用导入模板'))
  if (missing.length) return []

  const rows: SheetRow<K>[] = []
  let skippedExample = false
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: Partial<Record<K, CellValue>> = {}
    const raw: Partial<Record<K, string>> = {}
    let hasContent = false
    for (const c of columns as readonly ImportColumn[]) {
      const col = positions.get(c.header)
      if (col === undefined) continue
      const cellValue = row.getCell(col).value
      const text = textOfCell(cellValue)
      if (text) hasContent = true
      raw[c.key as K] = text
      const read = readCell(cellValue, c)
      if (read.ok) values[c.key as K] = read.value
      else errors.push(issue(sheet.name, rowNumber, c.header, read.code, read.message))
    }
    if (!hasContent) return
    if (raw['code' as K] === EXAMPLE_CODE) {
      skippedExample = true
      return
    }
    rows.push({ row: rowNumber, values, raw })
  })
  if (skippedExample)
    warnings.push(issue(sheet.name, null, null, 'EXAMPLE_ROW_SKIPPED', `户编号为「${EXAMPLE_CODE}」的示例行未导入`))
  return rows
}

/** The file, read: refuses what is not an .xlsx, or too large a roster; row problems are collected. */
export const parseRosterFile = async (bytes: Buffer): Promise<ParsedRoster> => {
  const digest = createHash('sha256').update(bytes).digest('hex')
  // An .xlsx is a zip: PK\3\4. An old .xls is an OLE file; a .csv is text.
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw new AppError('IMPORT_FILE_TYPE')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as never)
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE')
  }
  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const sheets = { household: workbook.getWorksheet(HOUSEHOLD_SHEET), member: workbook.getWorksheet(MEMBER_SHEET) }
  const riskSheet = workbook.getWorksheet(RISK_SHEET)
  for (const [name, sheet] of [
    [HOUSEHOLD_SHEET, sheets.household],
    [MEMBER_SHEET, sheets.member],
  ] as const)
    if (!sheet) errors.push(issue(name, null, null, 'MISSING_SHEET', '文件中没有这张工作表，请使用导入模板'))
  const rowCount = [sheets.household, sheets.member, riskSheet].reduce(
    (sum, sheet) => sum + Math.max(0, (sheet?.actualRowCount ?? 0) - 1),
    0,
  )
  if (rowCount > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS')
  return {
    digest,
    households: sheets.household ? readSheet(sheets.household, HOUSEHOLD_COLUMNS, errors, warnings) : [],
    members: sheets.member ? readSheet(sheets.member, MEMBER_COLUMNS, errors, warnings) : [],
    risks: riskSheet ? readSheet(riskSheet, RISK_COLUMNS, errors, warnings) : [],
    errors,
    warnings,
  }
}

// ─── Checking the households ─────────────────────────────────────────────────────────

type Candidate = {
  household: SheetRow<HouseholdKey>
  members: SheetRow<MemberKey>[]
  risks: SheetRow<RiskKey>[]
  /** The schema's output, when the household passed it. */
  input: TCreateHouseholdRequest | null
}

const headerOf = (columns: readonly ImportColumn[], key: string) => columns.find((c) => c.key === key)?.header ?? null

/** A zod issue's path → the cell it is about. */
const locate = (candidate: Candidate, path: readonly PropertyKey[]) => {
  const [first, index, field, sub] = path
  if ((first === 'members' || first === 'risks') && typeof index === 'number') {
    if (first === 'members') {
      const row = candidate.members[index]?.row ?? null
      const key = field === 'health' ? (sub === 'detail' ? 'healthDetail' : 'healthStatus') : String(field)
      return { sheet: MEMBER_SHEET, row, column: headerOf(MEMBER_COLUMNS, key) }
    }
    const row = candidate.risks[index]?.row ?? null
    return { sheet: RISK_SHEET, row, column: headerOf(RISK_COLUMNS, field === 'code' ? 'riskCode' : String(field)) }
  }
  const key = first === 'responsibleUserId' ? 'responsible' : String(first ?? '')
  return { sheet: HOUSEHOLD_SHEET, row: candidate.household.row, column: headerOf(HOUSEHOLD_COLUMNS, key) }
}

/** The household as the create form would send it; blanks left out, so the schema's defaults apply. */
const formOf = (villageId: string, c: Candidate, responsibleUserId: string | undefined) => {
  const h = c.household.values
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
  return defined({
    villageId,
    code: h.code,
    headName: h.headName,
    idNumber: h.idNumber,
    phone: h.phone,
    groupName: h.groupName,
    householdType: h.householdType,
    category: h.category,
    incomePerCapitaFen: h.incomePerCapitaFen,
    wageIncomeFen: h.wageIncomeFen,
    businessIncomeFen: h.businessIncomeFen,
    propertyIncomeFen: h.propertyIncomeFen,
    transferIncomeFen: h.transferIncomeFen,
    helpMeasures: h.helpMeasures,
    responsibleUserId,
    monitoringStartedOn: h.monitoringStartedOn,
    monitoringEndedOn: h.monitoringEndedOn,
    notes: h.notes,
    members: c.members.map(({ values: m }) =>
      defined({
        name: m.name,
        relationship: m.relationship,
        idNumber: m.idNumber,
        health: m.healthStatus === undefined ? undefined : defined({ status: m.healthStatus, detail: m.healthDetail }),
        laborCapacity: m.laborCapacity,
        schoolStatus: m.schoolStatus,
        workInfo: m.workInfo,
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
  const errors = [...parsed.errors]
  const warnings = [...parsed.warnings]
  const flagged = new Set(errors.map((e) => `${e.sheet}\u0000${e.row}\u0000${e.column}`))
  const add = (problem: ImportIssue) => {
    const key = `${problem.sheet}\u0000${problem.row}\u0000${problem.column}`
    // One message per cell: an unknown label already said why the field is empty.
    if (flagged.has(key)) return
    flagged.add(key)
    errors.push(problem)
  }
  const codeHeader = '户编号'

  // Households by 户编号; a repeated 户编号 is an error on the later row.
  const byCode = new Map<string, Candidate>()
  const candidates: Candidate[] = []
  for (const household of parsed.households) {
    const code = household.raw.code ?? ''
    const first = code ? byCode.get(code) : undefined
    if (first) {
      add(
        issue(
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
    [MEMBER_SHEET, parsed.members, (c: Candidate, r: SheetRow<MemberKey>) => c.members.push(r)],
    [RISK_SHEET, parsed.risks, (c: Candidate, r: SheetRow<RiskKey>) => c.risks.push(r)],
  ] as const) {
    for (const row of rows as SheetRow<string>[]) {
      const code = row.raw.code ?? ''
      const candidate = byCode.get(code)
      if (candidate) (attach as (c: Candidate, r: SheetRow<string>) => void)(candidate, row)
      else if (code)
        add(issue(sheet, row.row, codeHeader, 'UNKNOWN_HOUSEHOLD', `「${HOUSEHOLD_SHEET}」表中没有户编号「${code}」`))
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
    add(
      issue(
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
        add(issue(at.sheet, at.row, at.column, 'INVALID_VALUE', zodIssue.message))
      }
      continue
    }
    // A new member's 健康状况 is required (memberCreateData), though the update form may omit it.
    result.data.members.forEach((member, i) => {
      if (!member.health)
        add(issue(MEMBER_SHEET, candidate.members[i]?.row ?? null, '健康状况', 'INVALID_VALUE', '请选择健康状况'))
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
    add(issue(place.sheet, place.row, place.column, 'DUPLICATE_IN_FILE', `与${where}重复（身份证号码）`))
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
      add(
        issue(HOUSEHOLD_SHEET, candidate.household.row, codeHeader, 'DUPLICATE_EXISTING', '与已有困难户重复（户编号）'),
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
        add(issue(place.sheet, place.row, place.column, 'DUPLICATE_EXISTING', '与已有困难户重复（身份证号码）'))
    }
  }

  if (!candidates.length && !errors.length)
    add(
      issue(
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
      warnings.push(issue(HOUSEHOLD_SHEET, candidate.household.row, null, check.code, check.message))
  }

  const sortByPlace = (a: ImportIssue, b: ImportIssue) =>
    a.sheet === b.sheet ? (a.row ?? 0) - (b.row ?? 0) : sheetOrder(a.sheet) - sheetOrder(b.sheet)
  errors.sort(sortByPlace)
  warnings.sort(sortByPlace)
  return {
    digest: parsed.digest,
    counts: {
      households: candidates.length,
      members: candidates.reduce((n, c) => n + c.members.length, 0),
      risks: candidates.reduce((n, c) => n + c.risks.length, 0),
    },
    errorCount: errors.length,
    warningCount: warnings.length,
    errors: errors.slice(0, MAX_LISTED_ISSUES),
    warnings: warnings.slice(0, MAX_LISTED_ISSUES),
    isTruncated: errors.length > MAX_LISTED_ISSUES || warnings.length > MAX_LISTED_ISSUES,
    inputs: errors.length ? [] : candidates.flatMap((c) => (c.input ? [c.input] : [])),
  }
}

const sheetOrder = (sheet: string) => [HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET].indexOf(sheet)

/** What a dry run answers: the check, without the households themselves. */
export const dryRunRoster = async (options: { ctx: ServiceContext; villageId: string; parsed: ParsedRoster }) => {
  const { inputs: _inputs, ...check } = await checkRoster(options)
  return { mode: 'dry-run' as const, ...check, canCommit: check.errorCount === 0 }
}

export type RosterCommitResult = {
  mode: 'commit'
  digest: string
  counts: RosterCheck['counts']
  householdIds: string[]
  warningCount: number
  warnings: ImportIssue[]
}

/** A whole roster can take a while: longer than a form's transaction. */
const COMMIT_TIMEOUT_MS = 180_000

/**
 * Re-checks the file inside the transaction and writes every household through insertHousehold,
 * or nothing: a check that finds errors rolls back and answers IMPORT_HAS_ERRORS with the report.
 * Under the caller's retry key: the same clientMutationId answers the first result.
 */
export const commitRoster = async ({
  ctx,
  villageId,
  clientMutationId,
  parsed,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  villageId: string
  clientMutationId: string
  parsed: ParsedRoster
}): Promise<RosterCommitResult> => {
  type Step = { ok: true; data: RosterCommitResult } | { ok: false; report: RosterCheck }
  const outcome = await runIdempotent<Step>({
    prisma: ctx.prisma,
    crypto: ctx.crypto,
    userId: ctx.actor.userId,
    procedure: 'import.householdRoster',
    // The file is named by its digest: the same key with another file is refused as reused.
    rawInput: { clientMutationId, villageId, digest: parsed.digest },
    timeoutMs: COMMIT_TIMEOUT_MS,
    run: async (tx) => {
      const txCtx: ServiceContext = { ...ctx, db: tx }
      const { inputs, ...check } = await checkRoster({ ctx: txCtx, villageId, parsed })
      if (check.errorCount) return { ok: false, report: check }
      const householdIds: string[] = []
      for (const input of inputs) householdIds.push(await insertHousehold({ ctx: txCtx, input }))
      await writeAudit(txCtx, {
        action: 'household.import',
        entityType: 'HouseholdImport',
        entityId: clientMutationId,
        after: {
          villageId,
          digest: parsed.digest,
          householdCount: check.counts.households,
          memberCount: check.counts.members,
          riskCount: check.counts.risks,
          warningCount: check.warningCount,
        },
      })
      return {
        ok: true,
        data: {
          mode: 'commit',
          digest: parsed.digest,
          counts: check.counts,
          householdIds,
          warningCount: check.warningCount,
          warnings: check.warnings,
        },
      }
    },
  })
  if (!outcome.ok) throw new ImportHasErrors(outcome.report)
  return outcome.data
}

/** The commit found errors: nothing was written; the report says where. */
export class ImportHasErrors extends AppError {
  constructor(readonly report: RosterCheck) {
    super('IMPORT_HAS_ERRORS')
  }
}
