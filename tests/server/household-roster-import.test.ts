// The 困难户花名册 import over real HTTP (docs/exports.md, "Import"): the template, the dry run's
// row-by-row report, the commit (all or nothing, through the household services, idempotent),
// scope, formula-looking cells, the refusals, and the 疑点 both the import and household.dataChecks
// report.
import { createHash, randomUUID } from 'node:crypto'
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { HOUSEHOLD_CATEGORY_LABELS, LABOR_CAPACITY_LABELS, RISK_CODE_LABELS } from '../../common/enums'
import { maskIdNumber, maskPhone } from '../../common/personal-data'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import {
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  IMPORT_MAX_ROWS,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  NOTES_SHEET,
  RISK_COLUMNS,
  RISK_SHEET,
} from '../../server/services/imports/household-roster-columns'
import { CHINESE } from '../helpers/errors'
import { expectForbidden, expectSignInRequired } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import {
  fillTemplate,
  type ImportQuery,
  mergeRosters,
  type RosterFile,
  rosterHousehold,
  rosterMember,
  uploadRoster,
} from '../helpers/roster-import'
import { createWorld, type World } from '../helpers/world'
import { expectXlsxAttachment, exportDownload, headerOf, sheetOf, workbookFrom } from '../helpers/xlsx'

type Issue = { sheet: string; row: number | null; column: string | null; code: string; message: string; text: string }
type Report = {
  mode: 'dry-run' | 'commit'
  digest: string
  counts: { households: number; members: number; risks: number }
  errorCount: number
  warningCount: number
  errors: Issue[]
  warnings: Issue[]
  canCommit?: boolean
  householdIds?: string[]
}
type ErrorBody = { error: { code: string; message: string; fieldErrors?: object }; report?: Report }

let world: World
let baseUrl: string
let tokens: Record<'admin' | 'secretary' | 'cadre' | 'otherCadre' | 'resident', string>
let template: ArrayBuffer
let qianyue: string

beforeAll(async () => {
  world = await createWorld()
  qianyue = world.ref.villages.qianyue.id
  const served = await serveWorld(world, ['admin', 'secretary', 'cadre', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
  const response = await downloadTemplate(tokens.cadre)
  expect(response.status).toBe(200)
  template = await response.arrayBuffer()
})

const downloadTemplate = (token: string | null, query = '') =>
  exportDownload(baseUrl, 'household-roster-template')(token, query)

const fileOf = (rows: RosterFile) => fillTemplate(template, rows)

type Upload = { villageId?: string; token?: string | null; fileName?: string }

/** A dry run's answer, uploaded as the cadre to 前跃村 unless said otherwise. */
const dryRunUpload = (bytes: Buffer | string, { villageId = qianyue, token = tokens.cadre, fileName }: Upload = {}) =>
  uploadRoster(baseUrl, token, { mode: 'dry-run', villageId }, bytes, fileName)

const dryRun = async (bytes: Buffer, villageId = qianyue, token = tokens.cadre) => {
  const response = await dryRunUpload(bytes, { villageId, token })
  expect(response.status).toBe(200)
  return (await response.json()) as Report
}

const commit = (bytes: Buffer, clientMutationId: string, overrides: Partial<ImportQuery> = {}, token = tokens.cadre) =>
  uploadRoster(
    baseUrl,
    token,
    {
      mode: 'commit',
      villageId: qianyue,
      digest: createHash('sha256').update(bytes).digest('hex'),
      clientMutationId,
      ...overrides,
    },
    bytes,
  )

const householdCount = () => world.deps.prisma.household.count({ where: { villageId: qianyue } })
const rowCounts = async () => ({
  households: await world.deps.prisma.household.count(),
  members: await world.deps.prisma.householdMember.count(),
  risks: await world.deps.prisma.householdRisk.count(),
  audit: await world.deps.prisma.auditLog.count(),
})

describe('the template', () => {
  it('is an .xlsx with the columns the parser reads, an example row and a 说明 sheet of allowed values', async () => {
    const response = await downloadTemplate(tokens.cadre, `?villageId=${qianyue}`)
    const today = shanghaiDate()
    expectXlsxAttachment(
      response,
      `前跃村-困难户花名册导入模板-${today}.xlsx`,
      `household-roster-template-${today}.xlsx`,
    )
    const workbook = await workbookFrom(response)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET, NOTES_SHEET])
    for (const [name, columns] of [
      [HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS],
      [MEMBER_SHEET, MEMBER_COLUMNS],
      [RISK_SHEET, RISK_COLUMNS],
    ] as const) {
      expect(headerOf(sheetOf(workbook, name)), name).toEqual(columns.map((c) => c.header))
      expect(sheetOf(workbook, name).getRow(2).getCell(1).value, name).toBe('示例')
    }
    // The headers the documentation lists.
    expect(headerOf(sheetOf(workbook, HOUSEHOLD_SHEET)).slice(0, 7)).toEqual([
      '户编号',
      '所在组',
      '户主姓名',
      '户主身份证号码',
      '联系电话',
      '户类型',
      '监测类别',
    ])
    const notes: string[] = []
    sheetOf(workbook, NOTES_SHEET).eachRow((row) => row.eachCell((cell) => notes.push(String(cell.value))))
    const text = notes.join('\n')
    for (const label of [
      ...Object.values(HOUSEHOLD_CATEGORY_LABELS),
      ...Object.values(RISK_CODE_LABELS),
      ...Object.values(LABOR_CAPACITY_LABELS),
    ])
      expect(text, label).toContain(label)
  })

  it('is for those who may create households, and its download is audited', async () => {
    await expectSignInRequired((token) => downloadTemplate(token))
    await expectForbidden(await downloadTemplate(tokens.secretary))
    await expectForbidden(await downloadTemplate(tokens.resident))
    const entries = await world.deps.prisma.auditLog.findMany({
      where: { action: 'export.householdRosterTemplate', actorId: world.ref.users.cadre.id },
    })
    expect(entries.length).toBeGreaterThanOrEqual(1)
    expect(entries[0]).toMatchObject({ entityType: 'Export', entityId: 'household-roster-template' })
  })

  it('round-trips: filled in below its example, it dry-runs with no errors', async () => {
    const bytes = await fileOf(mergeRosters(rosterHousehold('RT-001', 301), rosterHousehold('RT-002', 303)))
    const report = await dryRun(bytes)
    expect(report.errors).toEqual([])
    expect(report.canCommit).toBe(true)
    expect(report.counts).toEqual({ households: 2, members: 4, risks: 2 })
    expect(report.digest).toBe(createHash('sha256').update(bytes).digest('hex'))
    // The example rows are left out, and the report says so.
    expect(report.warnings.map((w) => w.code)).toContain('EXAMPLE_ROW_SKIPPED')
    expect(await world.deps.prisma.household.count({ where: { code: { startsWith: 'RT-' } } })).toBe(0)
  })

  it('as downloaded, with only its example rows, has nothing to import', async () => {
    const report = await dryRun(Buffer.from(template))
    expect(report.canCommit).toBe(false)
    expect(report.errors.map((e) => [e.code, e.text])).toEqual([
      ['NO_HOUSEHOLDS', '「户信息」：没有要导入的困难户（户编号为「示例」的示例行不会导入）'],
    ])
  })
})

describe('a good file', () => {
  const roster = mergeRosters(
    rosterHousehold('IM-001', 401, {
      household: {
        '工资性收入（元）': 20000,
        '转移性收入（元）': '3,200.05',
        帮扶责任人: '李振华',
        备注: '2025年导入',
      },
    }),
    rosterHousehold('IM-002', 403),
  )
  let bytes: Buffer
  let firstAnswer: Report
  const key = randomUUID()

  beforeAll(async () => {
    bytes = await fileOf(roster)
  })

  it('imports every household, member and risk, sealed, readable back through the services', async () => {
    const before = await householdCount()
    const response = await commit(bytes, key)
    expect(response.status).toBe(200)
    firstAnswer = (await response.json()) as Report
    expect(firstAnswer).toMatchObject({ mode: 'commit', counts: { households: 2, members: 4, risks: 2 } })
    expect(firstAnswer.householdIds).toHaveLength(2)
    expect(await householdCount()).toBe(before + 2)

    const [id] = firstAnswer.householdIds as string[]
    const household = await world.cadre.household.byId({ id: id as string })
    const source = roster.households[0] as Record<string, string>
    const headId = source.户主身份证号码 as string
    expect(household).toMatchObject({
      code: 'IM-001',
      headName: '导入户主401',
      groupName: '三社',
      idNumberMasked: maskIdNumber(headId),
      phoneMasked: maskPhone(source.联系电话 as string),
      householdType: 'POVERTY_ALLEVIATED',
      category: 'MARGINAL',
      incomePerCapitaFen: 860_050,
      wageIncomeFen: 2_000_000,
      transferIncomeFen: 320_005,
      helpMeasures: ['INDUSTRY', 'HEALTH'],
      monitoringStartedOn: '2024-03-01',
      responsibleUser: { id: world.ref.users.cadre.id },
      notes: '2025年导入',
    })
    expect(household.members).toMatchObject([
      {
        name: '导入户主401',
        relationship: 'HEAD',
        idNumberMasked: maskIdNumber(headId),
        health: { status: 'CHRONIC_ILLNESS', detail: '高血压' },
        laborCapacity: 'PARTIAL',
        schoolStatus: 'NOT_IN_SCHOOL',
      },
      { relationship: 'SON', health: { status: 'HEALTHY' }, laborCapacity: 'NONE', schoolStatus: 'JUNIOR_HIGH' },
    ])
    expect(household.risks).toMatchObject([{ code: 'ILLNESS', identifiedMonth: '202403', isEliminated: false }])

    // Encrypted at rest, with the blind index: the plaintext only through household.reveal.
    const row = await world.deps.prisma.household.findUniqueOrThrow({ where: { id: id as string } })
    expect(row.idNumberEnc).not.toContain(headId)
    expect(row.idNumberHash).toBe(world.deps.crypto.blindIndex(headId, 'idNumber'))
    const revealed = await world.cadre.household.reveal({ id: id as string, field: 'idNumber', reason: '核对导入' })
    expect(revealed.value).toBe(headId)
    // Masked in the list, and found by the full number through the blind index.
    const list = await world.cadre.household.list({ search: headId })
    expect(list.items.map((h) => [h.code, h.idNumberMasked])).toEqual([['IM-001', maskIdNumber(headId)]])
  })

  it('is audited: one entry per household through the service, and one for the import', async () => {
    const creates = await world.deps.prisma.auditLog.count({
      where: { action: 'household.create', entityId: { in: firstAnswer.householdIds as string[] } },
    })
    expect(creates).toBe(2)
    const imports = await world.deps.prisma.auditLog.findMany({ where: { action: 'household.import', entityId: key } })
    expect(imports).toHaveLength(1)
    expect(imports[0]).toMatchObject({
      actorId: world.ref.users.cadre.id,
      entityType: 'HouseholdImport',
      after: { villageId: qianyue, digest: firstAnswer.digest, householdCount: 2, memberCount: 4, riskCount: 2 },
    })
    expect(JSON.stringify(imports[0]?.after)).not.toContain('导入户主')
  })

  it('answers the same retry key with the first result, and changes nothing', async () => {
    const before = await rowCounts()
    const response = await commit(bytes, key)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(firstAnswer)
    expect(await rowCounts()).toEqual(before)
  })

  it('refuses the same file under a new key as duplicates, and writes nothing', async () => {
    const before = await rowCounts()
    const report = await dryRun(bytes)
    expect(report.canCommit).toBe(false)
    const response = await commit(bytes, randomUUID())
    expect(response.status).toBe(422)
    const body = (await response.json()) as ErrorBody
    expect(body.error.code).toBe('IMPORT_HAS_ERRORS')
    expect(body.error.message).toMatch(CHINESE)
    const texts = body.report?.errors.map((e) => e.text) ?? []
    expect(texts).toContain('「户信息」第3行 户编号：与已有困难户重复（户编号）')
    expect(texts).toContain('「户信息」第3行 户主身份证号码：与已有困难户重复（身份证号码）')
    expect(texts).toContain('「家庭成员」第4行 身份证号码：与已有困难户重复（身份证号码）')
    expect(body.report?.errors.every((e) => e.code === 'DUPLICATE_EXISTING')).toBe(true)
    expect(await rowCounts()).toEqual(before)
  })

  it('refuses a commit whose file is not the one the dry run checked', async () => {
    const other = await fileOf(rosterHousehold('IM-900', 409))
    const response = await commit(other, randomUUID(), { digest: createHash('sha256').update(bytes).digest('hex') })
    expect(response.status).toBe(409)
    expect(((await response.json()) as ErrorBody).error.code).toBe('IMPORT_FILE_CHANGED')
    // The same retry key with another file (its own digest) is a client bug, not a retry.
    const reused = await commit(other, key)
    expect(reused.status).toBe(409)
    expect(((await reused.json()) as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await world.deps.prisma.household.count({ where: { code: 'IM-900' } })).toBe(0)
  })
})

describe('row errors', () => {
  const badCheckDigit = (() => {
    const id = fakeIdNumber('1975-01-01', 501)
    return `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`
  })()
  const sharedId = fakeIdNumber('1980-08-08', 503)
  const roster = mergeRosters(
    // row 3: a check digit that does not match
    rosterHousehold('ER-001', 505, { household: { 户主身份证号码: badCheckDigit } }),
    // row 4: an unknown 监测类别, and an ID number Excel turned into a number
    rosterHousehold('ER-002', 507, { household: { 监测类别: 'xx', 户主身份证号码: 630121197501010000 } }),
    // row 5: fine, but its son's ID number is the head's of row 6
    rosterHousehold('ER-003', 509, {
      members: [
        rosterMember('ER-003', '甲'),
        rosterMember('ER-003', '乙', { 与户主关系: '之子', 身份证号码: sharedId }),
      ],
    }),
    // row 6
    rosterHousehold('ER-004', 511, {
      household: { 户主身份证号码: sharedId },
      members: [rosterMember('ER-004', '丙', { 身份证号码: sharedId })],
    }),
    // row 7: no 户主姓名; a risk marked eliminated without its month
    rosterHousehold('ER-005', 513, {
      household: { 户主姓名: null },
      members: [rosterMember('ER-005', '丁')],
      risks: [{ 户编号: 'ER-005', 风险类型: '因灾', 识别时间: '202401', 是否已消除: '是', 消除方式: '帮扶消除' }],
    }),
    // row 8: the same 户编号 as row 3
    rosterHousehold('ER-001', 515, { members: [], risks: [] }),
  )
  roster.members.push(rosterMember('ER-404', '戊', { 与户主关系: '之女' }))

  it('lists each error by sheet, row and column, in Chinese, and nothing is written', async () => {
    const bytes = await fileOf(roster)
    const report = await dryRun(bytes)
    const texts = report.errors.map((e) => e.text)
    expect(texts).toEqual(
      expect.arrayContaining([
        '「户信息」第3行 户主身份证号码：身份证号码校验位不正确，请核对',
        expect.stringMatching(/^「户信息」第4行 监测类别：未知的值「xx」，可填：脱贫不稳定户、/),
        '「户信息」第4行 户主身份证号码：身份证号码被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新填写',
        '「户信息」第6行 户主身份证号码：与「家庭成员」第8行重复（身份证号码）',
        '「户信息」第7行 户主姓名：请填写户主姓名',
        '「致贫返贫风险」第7行 消除时间：风险已消除时请填写消除时间',
        '「户信息」第8行 户编号：与第3行重复（户编号）',
        '「家庭成员」第11行 户编号：「户信息」表中没有户编号「ER-404」',
      ]),
    )
    expect(report.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(['INVALID_VALUE', 'UNKNOWN_VALUE', 'DUPLICATE_IN_FILE', 'UNKNOWN_HOUSEHOLD']),
    )
    // One message per cell: the unknown 监测类别 is not also reported as missing.
    expect(report.errors.filter((e) => e.row === 4 && e.column === '监测类别')).toHaveLength(1)
    expect(report.errorCount).toBe(report.errors.length)
    expect(report.canCommit).toBe(false)

    const before = await rowCounts()
    const response = await commit(bytes, randomUUID())
    expect(response.status).toBe(422)
    expect(((await response.json()) as ErrorBody).report?.errorCount).toBe(report.errorCount)
    expect(await rowCounts()).toEqual(before)
    expect(await world.deps.prisma.household.count({ where: { code: { startsWith: 'ER-' } } })).toBe(0)
  })
})

describe('疑点', () => {
  it('warns in the dry run without blocking the import, and household.dataChecks lists them in scope', async () => {
    const roster = mergeRosters(
      // 缺劳动力, yet everyone is able to work
      rosterHousehold('YD-001', 601, {
        members: [rosterMember('YD-001', '己')],
        risks: [{ 户编号: 'YD-001', 风险类型: '缺劳动力', 识别时间: '202402' }],
      }),
      // a risk eliminated, and no 家庭人均纯收入
      rosterHousehold('YD-002', 603, {
        household: { '家庭人均纯收入（元）': null },
        risks: [
          {
            户编号: 'YD-002',
            风险类型: '因病',
            识别时间: '202301',
            是否已消除: '是',
            消除时间: '202312',
            消除方式: '帮扶消除',
          },
        ],
      }),
    )
    const bytes = await fileOf(roster)
    const report = await dryRun(bytes)
    expect(report.errors).toEqual([])
    const warnings = report.warnings.filter((w) => w.code !== 'EXAMPLE_ROW_SKIPPED')
    expect(warnings.map((w) => [w.row, w.code])).toEqual([
      [3, 'LABOR_SHORTAGE_ALL_ABLE'],
      [4, 'ELIMINATED_RISK_NO_INCOME'],
    ])
    expect(warnings[0]?.text).toBe('「户信息」第3行：风险类型为「缺劳动力」，但家庭成员均为「有劳动能力」，请核对')
    const response = await commit(bytes, randomUUID())
    expect(response.status).toBe(200)
    const [labor, income] = ((await response.json()) as Report).householdIds as [string, string]

    // A need 办结 three weeks ago and never 回访; an ID number recorded in two households.
    await world.deps.prisma.need.create({
      data: {
        householdId: labor,
        villageId: qianyue,
        category: 'MEDICAL',
        description: '报销',
        source: 'CADRE',
        status: 'RESOLVED',
        resolvedAt: new Date(Date.now() - 21 * 86_400_000),
      },
    })
    const incomeHead = await world.deps.prisma.household.findUniqueOrThrow({ where: { id: income } })
    await world.deps.prisma.householdMember.create({
      data: {
        householdId: labor,
        name: '旧数据',
        relationship: 'OTHER',
        idNumberHash: incomeHead.idNumberHash,
        laborCapacity: 'ABLE',
      },
    })

    const checks = await world.cadre.household.dataChecks({ villageId: qianyue })
    const byCode = Object.fromEntries(checks.items.map((i) => [i.code, i.checks.map((c) => c.code).sort()]))
    expect(byCode['YD-001']).toEqual(['DUPLICATE_ID_NUMBER', 'LABOR_SHORTAGE_ALL_ABLE', 'RESOLVED_NOT_FOLLOWED_UP'])
    expect(byCode['YD-002']).toEqual(['DUPLICATE_ID_NUMBER', 'ELIMINATED_RISK_NO_INCOME'])
    expect(checks.counts.DUPLICATE_ID_NUMBER).toBe(2)
    expect(checks.counts.LABOR_SHORTAGE_ALL_ABLE).toBe(1)
    // Scope: another village's cadre sees none of them.
    const elsewhere = await world.otherCadre.household.dataChecks({})
    expect(elsewhere.items.map((i) => i.code)).not.toContain('YD-001')
    expect(elsewhere.items.map((i) => i.code)).not.toContain('YD-002')
  })
})

describe('scope and roles', () => {
  it('lets no cadre import into another village, and no other role import at all', async () => {
    const bytes = await fileOf(rosterHousehold('SC-001', 701))
    for (const token of [tokens.otherCadre, tokens.secretary, tokens.resident]) {
      await expectForbidden(await dryRunUpload(bytes, { token }))
      await expectForbidden(await commit(bytes, randomUUID(), {}, token))
    }
    await expectSignInRequired((token) => dryRunUpload(bytes, { token }))
    expect(await world.deps.prisma.household.count({ where: { code: 'SC-001' } })).toBe(0)
    // The admin may import anywhere.
    expect((await dryRun(bytes, world.ref.villages.shangtan.id, tokens.admin)).errors).toEqual([])
  })
})

describe('formula-looking cells', () => {
  it('stores text that starts with = as typed, a formula as its result, and exports both inert', async () => {
    const formulaName = '=HYPERLINK("http://x","点我")'
    const roster = mergeRosters(
      rosterHousehold('FX-001', 801, { household: { 户主姓名: formulaName, 所在组: '+1+1', 备注: '@SUM(A1)' } }),
      rosterHousehold('FX-002', 803, { household: { 户主姓名: { formula: '"马"&"德福"', result: '马德福' } } }),
    )
    const bytes = await fileOf(roster)
    const response = await commit(bytes, randomUUID())
    expect(response.status).toBe(200)
    const [textId, formulaId] = ((await response.json()) as Report).householdIds as [string, string]
    const text = await world.cadre.household.byId({ id: textId })
    expect([text.headName, text.groupName, text.notes]).toEqual([formulaName, '+1+1', '@SUM(A1)'])
    expect((await world.cadre.household.byId({ id: formulaId })).headName).toBe('马德福')

    const workbook = await workbookFrom(
      await exportDownload(baseUrl, 'household-roster')(tokens.cadre, `?villageId=${qianyue}`),
    )
    const cells: ExcelJS.Cell[] = []
    sheetOf(workbook, '困难户花名册').eachRow((row) => row.eachCell((cell) => cells.push(cell)))
    const cell = cells.find((c) => String(c.value).includes('HYPERLINK'))
    expect(cell?.value).toBe(`'${formulaName}`)
    expect(cell?.formula).toBeUndefined()
  })
})

describe('refusals', () => {
  const errorOf = async (response: Response) => {
    const body = (await response.json()) as ErrorBody
    expect(body.error.message).toMatch(CHINESE)
    return { status: response.status, code: body.error.code }
  }

  it('refuses what is not an .xlsx upload, too large a file, and too many rows, each clearly', async () => {
    const url = `${baseUrl}/imports/household-roster?mode=dry-run&villageId=${qianyue}`
    const auth = { authorization: `Bearer ${tokens.cadre}` }
    const json = await fetch(url, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(await errorOf(json)).toEqual({ status: 415, code: 'IMPORT_NOT_MULTIPART' })
    const csv = await dryRunUpload('户编号,户主姓名\n', { fileName: '花名册.csv' })
    expect(await errorOf(csv)).toEqual({ status: 415, code: 'IMPORT_FILE_TYPE' })
    const renamed = await dryRunUpload('户编号,户主姓名\n')
    expect(await errorOf(renamed)).toEqual({ status: 415, code: 'IMPORT_FILE_TYPE' })
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])
    expect(await errorOf(await dryRunUpload(brokenZip))).toEqual({
      status: 400,
      code: 'IMPORT_FILE_UNREADABLE',
    })
    const empty = new FormData()
    empty.append('note', 'no file')
    expect(await errorOf(await fetch(url, { method: 'POST', headers: auth, body: empty }))).toEqual({
      status: 400,
      code: 'IMPORT_FILE_MISSING',
    })
    const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 1)
    expect(await errorOf(await dryRunUpload(huge))).toEqual({
      status: 413,
      code: 'IMPORT_FILE_TOO_LARGE',
    })
    const members = Array.from({ length: IMPORT_MAX_ROWS }, (_, i) =>
      rosterMember('BIG-1', `成员${i}`, { 与户主关系: '其他' }),
    )
    const tooMany = await fileOf(rosterHousehold('BIG-1', 901, { members, risks: [] }))
    expect(await errorOf(await dryRunUpload(tooMany))).toEqual({
      status: 413,
      code: 'IMPORT_TOO_MANY_ROWS',
    })
  })

  it('answers 400 naming the parameter for a bad mode, village, or a commit without digest or key', async () => {
    const bytes = await fileOf(rosterHousehold('QS-001', 903))
    for (const [query, field] of [
      [{ mode: 'upload', villageId: qianyue }, 'mode'],
      [{ mode: 'dry-run', villageId: 'abc' }, 'villageId'],
      [{ mode: 'commit', villageId: qianyue, clientMutationId: randomUUID() }, 'digest'],
      [{ mode: 'commit', villageId: qianyue, digest: 'a'.repeat(64) }, 'clientMutationId'],
    ] as const) {
      const response = await uploadRoster(baseUrl, tokens.cadre, query as ImportQuery, bytes)
      expect(response.status, field).toBe(400)
      const body = (await response.json()) as ErrorBody
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(Object.keys(body.error.fieldErrors ?? {}), field).toEqual([field])
    }
  })
})
