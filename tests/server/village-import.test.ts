// The village list import over real HTTP (docs/exports.md, "Import · 村名单"): the template, the
// dry run's row-by-row report (each field as village.create checks it, duplicates in the file,
// codes already in the ledger, the county/township rule across the file and the ledger), the
// commit (all or nothing, bound to the checked file, idempotent), a province's worth of villages,
// and the refusals.
import { createHash, randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import {
  VILLAGE_COLUMNS,
  VILLAGE_NOTES_SHEET,
  VILLAGE_SHEET,
} from '../../server/services/imports/village-import-columns'
import { CHINESE } from '../helpers/errors'
import { expectForbidden, expectSignInRequired } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import { expectXlsxAttachment, sheetOf, workbookOf } from '../helpers/xlsx'

type Issue = { sheet: string; row: number | null; column: string | null; code: string; message: string; text: string }
type Report = {
  mode: 'dry-run' | 'commit'
  digest: string
  counts: { rows: number; toCreate: number; alreadyPresent: number }
  errorCount: number
  warningCount: number
  errors: Issue[]
  warnings: Issue[]
  isTruncated: boolean
  canCommit?: boolean
  villageIds?: string[]
}
type ErrorBody = { error: { code: string; message: string; fieldErrors?: object }; report?: Report }

/** A row as a person types it: header → cell. */
type Row = Partial<Record<'村名' | '所属县（区）' | '所属乡（镇）' | '行政区划代码', ExcelJS.CellValue>>

let world: World
let baseUrl: string
let tokens: Record<'admin' | 'secretary' | 'cadre', string>
let template: ArrayBuffer

beforeAll(async () => {
  world = await createWorld()
  const served = await serveWorld(world, ['admin', 'secretary', 'cadre'])
  baseUrl = served.baseUrl
  tokens = served.tokens
  const response = await downloadTemplate(tokens.admin)
  expect(response.status).toBe(200)
  template = await response.arrayBuffer()
})

const downloadTemplate = (token: string | null, query = '') =>
  fetch(`${baseUrl}/exports/village-import-template.xlsx${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })

/** The downloaded template, filled in below its example row. */
const fileOf = async (rows: Row[]) => {
  const workbook = await workbookOf(template)
  const sheet = sheetOf(workbook, VILLAGE_SHEET)
  for (const row of rows) sheet.addRow(VILLAGE_COLUMNS.map((c) => row[c.header as keyof Row] ?? null))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const village = (name: string, county: string, township: string, adminCode: string | number): Row => ({
  村名: name,
  '所属县（区）': county,
  '所属乡（镇）': township,
  行政区划代码: adminCode,
})

type Query = { mode?: string; digest?: string; clientMutationId?: string; [key: string]: string | undefined }

const upload = (query: Query, bytes: Buffer | string, { token = tokens.admin, fileName = '村名单.xlsx' } = {}) => {
  const form = new FormData()
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName)
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][])
  return fetch(`${baseUrl}/imports/villages?${search}`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
}

const digestOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const dryRun = async (bytes: Buffer) => {
  const response = await upload({ mode: 'dry-run' }, bytes)
  expect(response.status).toBe(200)
  return (await response.json()) as Report
}

const commit = (bytes: Buffer, clientMutationId = randomUUID(), digest = digestOf(bytes)) =>
  upload({ mode: 'commit', digest, clientMutationId }, bytes)

/** What an import may write: villages and the audit trail. */
const written = async () => ({
  villages: await world.deps.prisma.village.count(),
  audit: await world.deps.prisma.auditLog.count(),
})

const expectRefused = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status)
  expect(response.headers.get('cache-control')).toBe('no-store')
  const body = (await response.json()) as ErrorBody
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(CHINESE)
  return body
}

const issuesOf = (issues: Issue[]) => issues.map((i) => [i.row, i.column, i.code, i.message])

describe('the template', () => {
  it('is an .xlsx with the columns the parser reads, an example row and a 说明 sheet; its download is audited', async () => {
    const response = await downloadTemplate(tokens.admin)
    const today = shanghaiDate()
    expectXlsxAttachment(response, `村名单导入模板-${today}.xlsx`, `village-import-template-${today}.xlsx`)
    const workbook = await workbookOf(await response.arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual([VILLAGE_SHEET, VILLAGE_NOTES_SHEET])
    const sheet = sheetOf(workbook, VILLAGE_SHEET)
    const header: ExcelJS.CellValue[] = []
    sheet.getRow(1).eachCell((cell) => header.push(cell.value))
    expect(header).toEqual(['村名', '所属县（区）', '所属乡（镇）', '行政区划代码'])
    expect(sheet.getRow(2).getCell(1).value).toBe('示例')
    // Codes are text: typed into the sheet they keep all 12 digits.
    expect(sheet.getColumn(4).numFmt).toBe('@')
    const notes: string[] = []
    sheetOf(workbook, VILLAGE_NOTES_SHEET).eachRow((row) => row.eachCell((cell) => notes.push(String(cell.value))))
    expect(notes.join('\n')).toContain('前 6 位相同的村须属于同一个县（区）')
    const [entry] = await world.deps.prisma.auditLog.findMany({
      where: { action: 'export.villageImportTemplate', actorId: world.ref.users.admin.id },
    })
    expect(entry).toMatchObject({ entityType: 'Export', entityId: 'village-import-template' })
  })

  it('is for administrators, and takes no parameters', async () => {
    await expectSignInRequired((token) => downloadTemplate(token))
    await expectForbidden(await downloadTemplate(tokens.secretary))
    await expectForbidden(await downloadTemplate(tokens.cadre))
    const body = await expectRefused(await downloadTemplate(tokens.admin, '?villageId=x'), 400, 'VALIDATION_FAILED')
    expect(body.error.message).toBe('不支持的筛选条件：villageId')
  })

  it('as downloaded, with only its example row, has nothing to import', async () => {
    const report = await dryRun(Buffer.from(template))
    expect(report.canCommit).toBe(false)
    expect(report.errors.map((e) => [e.code, e.text])).toEqual([
      ['NO_VILLAGES', '「村名单」：没有要导入的村（村名为「示例」的示例行不会导入）'],
    ])
  })
})

describe('a good file', () => {
  const rows = [
    village('前跃村', '大通县', '良教乡', '630121105201'), // in the ledger already, by the same name
    village('新庄村', '大通县', '良教乡', '630121105210'),
    village('多林村', '大通县', '多林镇', '630121106201'),
    village('拦隆口村', '湟中区', '拦隆口镇', '630122101201'),
    village('上寺村', '湟中区', '拦隆口镇', 630122101202), // typed into a General cell: a number
  ]
  let bytes: Buffer
  const key = randomUUID()
  let firstAnswer: Report

  beforeAll(async () => {
    bytes = await fileOf(rows)
  })

  it('dry-runs with no errors, skipping the village already in the ledger, and writes nothing', async () => {
    const before = await written()
    const report = await dryRun(bytes)
    expect(report).toMatchObject({
      mode: 'dry-run',
      digest: digestOf(bytes),
      counts: { rows: 5, toCreate: 4, alreadyPresent: 1 },
      errorCount: 0,
      errors: [],
      canCommit: true,
    })
    expect(issuesOf(report.warnings)).toEqual([
      [null, null, 'EXAMPLE_ROW_SKIPPED', '村名为「示例」的示例行未导入'],
      [3, '行政区划代码', 'ALREADY_PRESENT', '台账中已有这个村，这一行不再导入'],
    ])
    expect(await written()).toEqual(before)
  })

  it('commits every new village, once, audited as one import', async () => {
    const response = await commit(bytes, key)
    expect(response.status).toBe(200)
    firstAnswer = (await response.json()) as Report
    expect(firstAnswer).toMatchObject({ mode: 'commit', counts: { rows: 5, toCreate: 4, alreadyPresent: 1 } })
    expect(firstAnswer.villageIds).toHaveLength(4)
    const made = await world.deps.prisma.village.findMany({
      where: { id: { in: firstAnswer.villageIds ?? [] } },
      select: { name: true, county: true, township: true, adminCode: true },
      orderBy: { adminCode: 'asc' },
    })
    expect(made).toEqual([
      { name: '新庄村', county: '大通县', township: '良教乡', adminCode: '630121105210' },
      { name: '多林村', county: '大通县', township: '多林镇', adminCode: '630121106201' },
      { name: '拦隆口村', county: '湟中区', township: '拦隆口镇', adminCode: '630122101201' },
      { name: '上寺村', county: '湟中区', township: '拦隆口镇', adminCode: '630122101202' },
    ])
    const [entry, ...more] = await world.deps.prisma.auditLog.findMany({ where: { action: 'village.import' } })
    expect(more).toEqual([])
    expect(entry).toMatchObject({ actorId: world.ref.users.admin.id, entityType: 'VillageImport', entityId: key })
    expect(entry?.after).toMatchObject({ digest: digestOf(bytes), createdCount: 4, alreadyPresentCount: 1 })
    // The new villages are the administrators' to pair and manage at once.
    const directory = await world.admin.village.directory({ county: '湟中区' })
    expect(directory.items.map((v) => v.adminCode).sort()).toEqual(['630122101201', '630122101202'])
  })

  it('answers a retry with the same key from the first answer, writing nothing more', async () => {
    const before = await written()
    const response = await commit(bytes, key)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(firstAnswer)
    expect(await written()).toEqual(before)
  })

  it('refuses the same key with another file', async () => {
    const other = await fileOf([village('红崖村', '大通县', '良教乡', '630121105211')])
    const before = await written()
    await expectRefused(await commit(other, key), 409, 'IDEMPOTENCY_KEY_REUSED')
    expect(await written()).toEqual(before)
  })

  it('imports the same file again under a new key as all present already: nothing new', async () => {
    const response = await commit(bytes)
    expect(response.status).toBe(200)
    const answer = (await response.json()) as Report
    expect(answer.counts).toEqual({ rows: 5, toCreate: 0, alreadyPresent: 5 })
    expect(answer.villageIds).toEqual([])
  })
})

describe('a file with errors', () => {
  const rows = [
    village('', '大通县', '良教乡', '630121105220'), // 3
    village('甲村', '大通县', '良教乡', '63012110522'), // 4
    village('乙村', '大通县', '良教乡', '990121105222'), // 5
    village('丙村', '大通县', '良教乡', '630121105000'), // 6
    village('丁村', '大通县', '良教乡', '630121105224'), // 7
    village('戊村', '大通县', '良教乡', '630121105224'), // 8: the code of row 7
    village('后跃村', '大通县', '良教乡', '630121105201'), // 9: 前跃村's code
    village('己村', '湟中区', '良教乡', '630121105226'), // 10: 630121 is 大通县 in the ledger
    village('庚村', '大通县', '桥头镇', '630121105227'), // 11: 630121105 is 良教乡
    village('辛村', '湟源县', '城关镇', '630123100201'), // 12: a county new to the ledger…
    village('壬村', '湟源县县', '城关镇', '630123100202'), // 13: …named otherwise on a later row
    village('前跃村', '大通县', '良教乡', '630121105228'), // 14: a namesake of 前跃村 (a warning)
    { ...village('癸村', '大通县', '良教乡', ''), 行政区划代码: { formula: 'A1', result: undefined } }, // 15
  ]
  let bytes: Buffer

  beforeAll(async () => {
    bytes = await fileOf(rows)
  })

  it('reports every row’s problem in Chinese, where it is, and writes nothing', async () => {
    const before = await written()
    const report = await dryRun(bytes)
    expect(report.canCommit).toBe(false)
    expect(issuesOf(report.errors)).toEqual([
      [3, '村名', 'INVALID_VALUE', '请填写村名'],
      [4, '行政区划代码', 'INVALID_VALUE', '行政区划代码应为 12 位数字，如 630121105201'],
      [5, '行政区划代码', 'INVALID_VALUE', '行政区划代码的前两位不是有效的省级代码'],
      [6, '行政区划代码', 'INVALID_VALUE', '这是县或乡镇的代码，请填写村级的 12 位代码'],
      [8, '行政区划代码', 'DUPLICATE_IN_FILE', '与第7行重复（行政区划代码）'],
      [9, '行政区划代码', 'CODE_TAKEN', '台账中这个代码是 前跃村（大通县良教乡），与填写的村名 后跃村 不一致，请核对'],
      [10, '所属县（区）', 'CODE_MISMATCH', '630121 开头的村属于 大通县，与填写的 湟中区 不一致，请核对'],
      [11, '所属乡（镇）', 'CODE_MISMATCH', '630121105 开头的村属于 良教乡，与填写的 桥头镇 不一致，请核对'],
      [13, '所属县（区）', 'CODE_MISMATCH', '630123 开头的村在第12行填的是 湟源县，与填写的 湟源县县 不一致，请核对'],
      [15, '行政区划代码', 'INVALID_VALUE', '单元格是没有计算结果的公式，请改为实际内容'],
    ])
    expect(report.errors[1]?.text).toBe('「村名单」第4行 行政区划代码：行政区划代码应为 12 位数字，如 630121105201')
    expect(issuesOf(report.warnings)).toContainEqual([
      14,
      '村名',
      'SAME_NAME',
      '良教乡已有 前跃村（630121105201），请核对行政区划代码是否填错',
    ])
    expect(await written()).toEqual(before)
  })

  it('commits nothing: 422 with the same report', async () => {
    const before = await written()
    const body = await expectRefused(await commit(bytes), 422, 'IMPORT_HAS_ERRORS')
    expect(body.error.message).toBe('文件中有错误，未导入任何数据；请按提示修改后重新上传')
    expect(body.report).toMatchObject({ mode: 'commit', canCommit: false, errorCount: 10 })
    expect(await written()).toEqual(before)
  })
})

describe('files of one’s own', () => {
  it('reads a first sheet of another name, headers with half-width brackets, and says what is missing', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Sheet1')
    sheet.addRow(['村名', '所属县(区)', '所属乡(镇)', '行政区划代码', '备注'])
    sheet.addRow(['峡门村', '大通县', '良教乡', '630121105240', '新增'])
    const report = await dryRun(Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(report).toMatchObject({ errorCount: 0, counts: { rows: 1, toCreate: 1 } })
    expect(report.warnings.map((w) => w.text)).toEqual(['「Sheet1」第1行 备注：不是模板中的列，已忽略其内容'])

    const partial = new ExcelJS.Workbook()
    partial.addWorksheet('村名单').addRow(['村名', '行政区划代码'])
    const missing = await dryRun(Buffer.from(await partial.xlsx.writeBuffer()))
    expect(missing.errors.map((e) => e.text)).toEqual([
      '「村名单」第1行 所属县（区）：缺少这一列，请使用导入模板',
      '「村名单」第1行 所属乡（镇）：缺少这一列，请使用导入模板',
    ])
  })
})

describe('a province’s villages', () => {
  it('checks and imports 2,000 villages in one file', async () => {
    const rows: Row[] = []
    for (let c = 1; c <= 10; c += 1)
      for (let t = 1; t <= 10; t += 1)
        for (let v = 1; v <= 20; v += 1)
          rows.push(
            village(
              `测试村${c}-${t}-${v}`,
              `测试县${c}`,
              `测试乡${c}-${t}`,
              `64${String(c).padStart(2, '0')}21${String(100 + t)}${String(200 + v)}`,
            ),
          )
    const bytes = await fileOf(rows)
    const report = await dryRun(bytes)
    expect(report).toMatchObject({ errorCount: 0, counts: { rows: 2000, toCreate: 2000, alreadyPresent: 0 } })
    const response = await commit(bytes)
    expect(response.status).toBe(200)
    expect(((await response.json()) as Report).villageIds).toHaveLength(2000)
    expect(await world.deps.prisma.village.count({ where: { adminCode: { startsWith: '64' } } })).toBe(2000)
  })
})

describe('refusals', () => {
  let good: Buffer

  beforeAll(async () => {
    good = await fileOf([village('峡口村', '大通县', '良教乡', '630121105250')])
  })

  it('is for administrators', async () => {
    for (const token of [null, 'not-a-real-token']) {
      const response = await upload({ mode: 'dry-run' }, good, { token: token as string })
      expect(response.status).toBe(401)
    }
    await expectForbidden(await upload({ mode: 'dry-run' }, good, { token: tokens.secretary }))
    await expectForbidden(await upload({ mode: 'commit', digest: digestOf(good) }, good, { token: tokens.cadre }))
  })

  it('refuses bad parameters, naming them', async () => {
    const cases: [Query, string, string][] = [
      [{}, 'mode', '缺少导入方式：dry-run（预检）或 commit（确认导入）'],
      [{ mode: 'commit', clientMutationId: randomUUID() }, 'digest', '确认导入时须附上预检得到的文件摘要'],
      [{ mode: 'commit', digest: digestOf(good) }, 'clientMutationId', '确认导入时须附上提交编号'],
      [{ mode: 'dry-run', villageId: randomUUID() }, 'query', '不支持的参数：villageId'],
    ]
    for (const [query, field, message] of cases) {
      const body = await expectRefused(await upload(query, good), 400, 'VALIDATION_FAILED')
      expect(body.error.message).toBe(message)
      expect(Object.keys(body.error.fieldErrors ?? {})).toEqual([field])
    }
  })

  it('commits only the very file that was checked', async () => {
    const before = await written()
    const changed = await fileOf([village('峡口村', '大通县', '良教乡', '630121105251')])
    await expectRefused(await commit(changed, randomUUID(), digestOf(good)), 409, 'IMPORT_FILE_CHANGED')
    expect(await written()).toEqual(before)
  })

  it('refuses what is not an .xlsx, and more than 5,000 villages', async () => {
    await expectRefused(await upload({ mode: 'dry-run' }, good, { fileName: '村名单.xls' }), 415, 'IMPORT_FILE_TYPE')
    await expectRefused(await upload({ mode: 'dry-run' }, '村名,所属县（区）\n'), 415, 'IMPORT_FILE_TYPE')
    await expectRefused(
      await fetch(`${baseUrl}/imports/villages?mode=dry-run`, {
        method: 'POST',
        body: JSON.stringify({}),
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      }),
      415,
      'IMPORT_NOT_MULTIPART',
    )
    const rows = Array.from({ length: 5001 }, (_, i) =>
      village(`村${i}`, '测试县', '测试乡', `650101${String(101 + Math.floor(i / 800))}${String(101 + (i % 800))}`),
    )
    const body = await expectRefused(await upload({ mode: 'dry-run' }, await fileOf(rows)), 413, 'IMPORT_TOO_MANY_ROWS')
    expect(body.error.message).toBe('一次最多导入 5000 个村，请分成几个文件导入')
  })
})
