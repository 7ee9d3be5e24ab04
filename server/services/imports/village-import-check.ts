// Checking an uploaded village list, row by row, as village.create would check each village:
//   - each row's fields by ZVillageFields, the create form's schema;
//   - a 行政区划代码 repeated in the file (an error on the later row);
//   - codes already in the ledger: under the same 村名 the row is skipped as already present (a
//     warning); under another name, an error;
//   - the county/township rule (services/villages/village-codes.ts) against the ledger's villages,
//     and, for a county or township the ledger does not know yet, against the first row of the file
//     that names it;
//   - the same 村名 twice in one township under different codes: a warning (a mistyped code?).
import {
  countyCodeOf,
  type TVillageFields,
  townshipCodeOf,
  ZVillageFields,
} from '../../../common/contracts/village/village-fields'
import type { VillageImportCheck, VillageImportIssue } from '../../../common/contracts/village/village-import'
import type { Tx } from '../../db/client'
import { placeProblems, villagesInCounties } from '../villages/village-codes'
import { collectIssues, issueAt } from './import-issues'
import { VILLAGE_COLUMNS, type VillageColumnKey } from './village-import-columns'
import type { ParsedVillages } from './village-import-read'

const headerOf = (key: VillageColumnKey) => VILLAGE_COLUMNS.find((c) => c.key === key)?.header ?? null

type Candidate = { row: number; fields: TVillageFields }

/** The first row of the file to name each county or township code, for those the ledger lacks. */
type FirstNamed = Map<string, { name: string; row: number }>

export type VillageCheckResult = VillageImportCheck & { inputs: TVillageFields[] }

export const checkVillages = async ({
  db,
  parsed,
}: {
  db: Tx
  parsed: ParsedVillages
}): Promise<VillageCheckResult> => {
  const { sheet } = parsed
  const issues = collectIssues(parsed)
  /** One error per cell: the first says why. */
  const fail = (row: number, key: VillageColumnKey, code: VillageImportIssue['code'], message: string) =>
    issues.fail(issueAt(sheet, row, headerOf(key), code, message))
  const warn = (row: number, key: VillageColumnKey, code: VillageImportIssue['code'], message: string) =>
    issues.warn(issueAt(sheet, row, headerOf(key), code, message))

  // Each row by the create form's schema; a code seen on an earlier row is a duplicate.
  const firstRowOfCode = new Map<string, number>()
  const candidates: Candidate[] = []
  for (const { row, values } of parsed.rows) {
    const result = ZVillageFields.safeParse(values)
    if (!result.success) {
      for (const issue of result.error.issues)
        fail(row, issue.path[0] as VillageColumnKey, 'INVALID_VALUE', issue.message)
      continue
    }
    const first = firstRowOfCode.get(result.data.adminCode)
    if (first) {
      fail(row, 'adminCode', 'DUPLICATE_IN_FILE', `与第${first}行重复（行政区划代码）`)
      continue
    }
    firstRowOfCode.set(result.data.adminCode, row)
    candidates.push({ row, fields: result.data })
  }

  const ledger = await villagesInCounties(db, [...new Set(candidates.map((c) => countyCodeOf(c.fields.adminCode)))])
  const ledgerByCode = new Map(ledger.map((v) => [v.adminCode, v]))
  const ledgerCounties = new Set(ledger.map((v) => countyCodeOf(v.adminCode)))
  const ledgerTownships = new Set(ledger.map((v) => townshipCodeOf(v.adminCode)))
  const firstCounty: FirstNamed = new Map()
  const firstTownship: FirstNamed = new Map()
  /** Villages by township code and name, for the namesakes' warning. */
  const ledgerByName = new Map(ledger.map((v) => [`${townshipCodeOf(v.adminCode)}\u0000${v.name}`, v]))
  const firstRowOfName = new Map<string, number>()

  /** A county or township the ledger does not know: the file's first row naming it decides. */
  const agreeWithFile = (c: Candidate, key: 'county' | 'township', code: string, firstNamed: FirstNamed) => {
    const name = c.fields[key]
    const first = firstNamed.get(code)
    if (!first) {
      firstNamed.set(code, { name, row: c.row })
      return
    }
    if (first.name !== name)
      fail(
        c.row,
        key,
        'CODE_MISMATCH',
        `${code} 开头的村在第${first.row}行填的是 ${first.name}，与填写的 ${name} 不一致，请核对`,
      )
  }

  const inputs: TVillageFields[] = []
  let alreadyPresent = 0
  for (const c of candidates) {
    const { name, township, adminCode } = c.fields
    const onRecord = ledgerByCode.get(adminCode)
    if (onRecord && onRecord.name !== name) {
      fail(
        c.row,
        'adminCode',
        'CODE_TAKEN',
        `台账中这个代码是 ${onRecord.name}（${onRecord.county}${onRecord.township}），与填写的村名 ${name} 不一致，请核对`,
      )
      continue
    }
    for (const problem of placeProblems(c.fields, ledger)) fail(c.row, problem.field, 'CODE_MISMATCH', problem.message)
    const countyCode = countyCodeOf(adminCode)
    const townshipCode = townshipCodeOf(adminCode)
    if (!ledgerCounties.has(countyCode)) agreeWithFile(c, 'county', countyCode, firstCounty)
    if (!ledgerTownships.has(townshipCode)) agreeWithFile(c, 'township', townshipCode, firstTownship)
    if (onRecord) {
      alreadyPresent += 1
      warn(c.row, 'adminCode', 'ALREADY_PRESENT', '台账中已有这个村，这一行不再导入')
      continue
    }

    const nameKey = `${townshipCode}\u0000${name}`
    const namesake = ledgerByName.get(nameKey)
    const fileNamesake = firstRowOfName.get(nameKey)
    if (namesake)
      warn(c.row, 'name', 'SAME_NAME', `${township}已有 ${name}（${namesake.adminCode}），请核对行政区划代码是否填错`)
    else if (fileNamesake)
      warn(c.row, 'name', 'SAME_NAME', `与第${fileNamesake}行同在 ${township}、村名相同，请核对行政区划代码是否填错`)
    else firstRowOfName.set(nameKey, c.row)
    inputs.push(c.fields)
  }

  if (!parsed.rows.length && !issues.errors.length)
    issues.fail(issueAt(sheet, null, null, 'NO_VILLAGES', '没有要导入的村（村名为「示例」的示例行不会导入）'))

  return {
    digest: parsed.digest,
    counts: { rows: parsed.rows.length, toCreate: inputs.length, alreadyPresent },
    ...issues.listed(),
    inputs: issues.errors.length ? [] : inputs,
  }
}
