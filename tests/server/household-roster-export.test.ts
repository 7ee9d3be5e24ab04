// The 困难户花名册 exports over real HTTP. The 公示 file goes on a notice board: it must hold no ID
// number (not even masked), no phone, no health; the internal file holds IDs and phones masked
// only, health as a status label only. Both list only the caller's scope, leave anonymised
// households out, keep text from turning into formulas, and are audited.
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TCreateHouseholdRequest } from '../../common/contracts/household/create-household'
import { shanghaiDate } from '../../common/dates'
import { HEALTH_STATUS_LABELS } from '../../common/enums'
import { maskIdNumber, maskPhone } from '../../common/personal-data'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import { MEMBER_SHEET, ROSTER_SHEET } from '../../server/services/exports/household-roster'
import { PUBLIC_ROSTER_SHEET } from '../../server/services/exports/household-roster-public'
import { anonymiseExpiredHouseholds, GRACE_DAYS } from '../../server/services/retention/anonymise-households'
import { itRefusesLikeEveryExport } from '../helpers/export-refusals'
import { householdInput, memberInput } from '../helpers/factories'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import {
  downloadBeforeAll,
  expectSheets,
  expectXlsxAttachment,
  exportDownload,
  rowsOf,
  sheetOf,
  workbookFrom,
} from '../helpers/xlsx'

/** The columns as documented in docs/exports.md. */
const ROSTER_HEADERS = [
  '户编号',
  '村',
  '组',
  '户主姓名',
  '身份证号码',
  '联系电话',
  '户类型',
  '监测类别',
  '风险类型',
  '家庭人口',
  '家庭人均纯收入（元）',
  '帮扶责任人',
  '监测开始',
  '监测结束',
]
const MEMBER_HEADERS = ['户编号', '姓名', '与户主关系', '身份证号码', '健康状况', '劳动能力', '在校生状况']
const PUBLIC_HEADERS = ['村', '组', '户主姓名', '监测类别', '家庭人口', '风险类型', '监测开始']

const FORMULA_NAME = '=HYPERLINK("x","y")'
const HEALTH_DETAILS = ['高血压', '左腿残疾', '糖尿病', '肾病晚期']

let world: World
let baseUrl: string
let tokens: Record<'admin' | 'secretary' | 'cadre' | 'otherCadre' | 'resident', string>
/** Every household created, with the plaintext it was created with. */
const created: TCreateHouseholdRequest[] = []
let main: TCreateHouseholdRequest
let formula: TCreateHouseholdRequest
let shangtan: TCreateHouseholdRequest
let anonymised: TCreateHouseholdRequest

beforeAll(async () => {
  world = await createWorld()
  const qianyue = world.ref.villages.qianyue.id
  const headIdNumber = fakeIdNumber('1960-02-02', 501)
  main = householdInput(qianyue, {
    code: 'QY-101',
    idNumber: headIdNumber,
    headName: '韩福全',
    groupName: '二社',
    category: 'MARGINAL',
    incomePerCapitaFen: 1_234_567,
    responsibleUserId: world.ref.users.cadre.id,
    monitoringStartedOn: '2023-06-01',
    monitoringEndedOn: '2026-12-31',
    risks: [
      { code: 'LABOR_SHORTAGE', identifiedMonth: '202402', isEliminated: false },
      { code: 'ILLNESS', identifiedMonth: '202306', isEliminated: false },
      {
        code: 'DISASTER',
        identifiedMonth: '202101',
        isEliminated: true,
        eliminatedMonth: '202112',
        eliminationMethod: 'ASSISTED',
      },
    ],
    members: [
      memberInput('韩福全', { idNumber: headIdNumber }),
      memberInput('韩小梅', {
        relationship: 'DAUGHTER',
        idNumber: fakeIdNumber('2010-09-09', 602),
        health: { status: 'DISABLED', detail: '左腿残疾' },
        laborCapacity: 'NONE',
        schoolStatus: 'JUNIOR_HIGH',
      }),
    ],
  })
  formula = householdInput(qianyue, { code: 'QY-102', headName: FORMULA_NAME, groupName: '@三社' })
  shangtan = householdInput(world.ref.villages.shangtan.id, {
    code: 'ST-101',
    headName: '何有福',
    members: [
      memberInput('何有福', {
        idNumber: fakeIdNumber('1958-07-07', 703),
        health: { status: 'CHRONIC_ILLNESS', detail: '糖尿病' },
        laborCapacity: 'ABLE',
      }),
    ],
  })
  anonymised = householdInput(qianyue, {
    code: 'QY-103',
    headName: '星旧户',
    monitoringStartedOn: '2016-03-01',
    monitoringEndedOn: '2019-12-31',
    members: [
      memberInput('星旧户', {
        idNumber: fakeIdNumber('1940-01-01', 805),
        health: { status: 'SERIOUS_ILLNESS', detail: '肾病晚期' },
        laborCapacity: 'NONE',
      }),
    ],
  })
  for (const input of [main, formula, anonymised]) await world.cadre.household.create(input)
  await world.otherCadre.household.create(shangtan)
  created.push(main, formula, shangtan, anonymised)
  // Retention anonymises the household whose monitoring ended more than five years ago.
  const later = shanghaiDate(new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000))
  expect((await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later })).anonymised).toBe(1)

  const served = await serveWorld(world, ['admin', 'secretary', 'cadre', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
})

type Variant = 'household-roster' | 'household-roster-public'

const download = (variant: Variant, token: string | null, query = '') => exportDownload(baseUrl, variant)(token, query)

/** The data rows of a roster's first (for the 公示 roster, only) sheet. */
const firstSheetRows = (workbook: ExcelJS.Workbook) => rowsOf(workbook, workbook.worksheets[0]?.name ?? '')

/** Every cell of every sheet, as text. */
const everyCell = (workbook: ExcelJS.Workbook) => {
  const texts: string[] = []
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text ?? String(cell.value))))
  return texts
}

/** The plaintext every household was created with, and its masks: ID numbers of head and members, phones. */
const idNumbersOf = (h: TCreateHouseholdRequest) => [
  h.idNumber,
  ...h.members.flatMap((m) => (m.idNumber ? [m.idNumber] : [])),
]
const plaintextOf = (h: TCreateHouseholdRequest) => [...idNumbersOf(h), ...(h.phone ? [h.phone] : [])]
const masksOf = (h: TCreateHouseholdRequest) => [
  ...idNumbersOf(h).map(maskIdNumber),
  ...(h.phone ? [maskPhone(h.phone)] : []),
]

const today = () => shanghaiDate()

describe('the 公示 roster, for the notice board', () => {
  const file = downloadBeforeAll(() =>
    download('household-roster-public', tokens.cadre, `?villageId=${world.ref.villages.qianyue.id}`),
  )

  it('is an .xlsx attachment named for the village and the day, never cached', () =>
    expectXlsxAttachment(
      file.response,
      `前跃村-困难户公示名单-${today()}.xlsx`,
      `household-roster-public-${today()}.xlsx`,
    ))

  it('has one sheet with exactly the documented columns, in order', () => {
    expectSheets(file.workbook, { [PUBLIC_ROSTER_SHEET]: PUBLIC_HEADERS })
  })

  it('lists the village’s households, without the anonymised one', () => {
    const rows = rowsOf(file.workbook, PUBLIC_ROSTER_SHEET)
    expect(rows.map((r) => r.户主姓名)).toEqual(['韩福全', `'${FORMULA_NAME}`])
    expect(rows[0]).toEqual({
      村: '前跃村',
      组: '二社',
      户主姓名: '韩福全',
      监测类别: '边缘易致贫户',
      家庭人口: 2,
      // Risks not yet eliminated, as identified: 因灾 was eliminated in 2021.
      风险类型: '因病、缺劳动力',
      监测开始: '2023-06-01',
    })
  })

  it('holds no ID number, not even masked, no phone, no income and no health', () => {
    const cells = everyCell(file.workbook)
    expect(cells.length).toBeGreaterThan(PUBLIC_HEADERS.length)
    const forbidden = [
      ...created.flatMap(plaintextOf),
      ...created.flatMap(masksOf),
      ...Object.values(HEALTH_STATUS_LABELS),
      ...HEALTH_DETAILS,
      '12345.67',
      '12,345.67',
    ]
    // Each needle is real: the masks and plaintexts are what the households were created with.
    expect(forbidden).toContain(maskIdNumber(main.idNumber))
    for (const needle of forbidden)
      expect(
        cells.filter((c) => c.includes(needle)),
        needle,
      ).toEqual([])
    // The tail of a masked number alone would still identify someone.
    for (const h of created) for (const id of idNumbersOf(h)) expect(cells.join('\n')).not.toContain(id.slice(-4))
  })
})

describe('the internal roster', () => {
  const file = downloadBeforeAll(() =>
    download('household-roster', tokens.cadre, `?villageId=${world.ref.villages.qianyue.id}`),
  )

  it('is named for the village and the day, never cached', () =>
    expectXlsxAttachment(file.response, `前跃村-困难户花名册-${today()}.xlsx`, `household-roster-${today()}.xlsx`))

  it('has the households then their members, with the documented columns in order', () => {
    expectSheets(file.workbook, { [ROSTER_SHEET]: ROSTER_HEADERS, [MEMBER_SHEET]: MEMBER_HEADERS })
  })

  it('has one row per household, masked, with the income exact to the fen', () => {
    const rows = rowsOf(file.workbook, ROSTER_SHEET)
    expect(rows.map((r) => r.户编号)).toEqual(['QY-101', 'QY-102'])
    expect(rows[0]).toEqual({
      户编号: 'QY-101',
      村: '前跃村',
      组: '二社',
      户主姓名: '韩福全',
      身份证号码: maskIdNumber(main.idNumber),
      联系电话: maskPhone(main.phone as string),
      户类型: '脱贫户',
      监测类别: '边缘易致贫户',
      风险类型: '因病、缺劳动力',
      家庭人口: 2,
      '家庭人均纯收入（元）': 12_345.67,
      帮扶责任人: '李振华',
      监测开始: '2023-06-01',
      监测结束: '2026-12-31',
    })
    expect(Math.round((rows[0]?.['家庭人均纯收入（元）'] as number) * 100)).toBe(1_234_567)
    expect(sheetOf(file.workbook, ROSTER_SHEET).getRow(2).getCell(11).numFmt).toBe('#,##0.00')
    // No income recorded: blank, not 0.
    expect(rows[1]?.['家庭人均纯收入（元）']).toBeNull()
  })

  it('has one row per member, health as its status only', () => {
    const rows = rowsOf(file.workbook, MEMBER_SHEET)
    expect(rows.filter((r) => r.户编号 === 'QY-101')).toEqual([
      {
        户编号: 'QY-101',
        姓名: '韩福全',
        与户主关系: '户主',
        身份证号码: maskIdNumber(main.idNumber),
        健康状况: '长期慢性病',
        劳动能力: '部分丧失劳动能力',
        在校生状况: '非在校生',
      },
      {
        户编号: 'QY-101',
        姓名: '韩小梅',
        与户主关系: '之女',
        身份证号码: maskIdNumber(main.members[1]?.idNumber as string),
        健康状况: '一般残疾',
        劳动能力: '无劳动能力',
        在校生状况: '初中',
      },
    ])
    expect(rows.map((r) => r.户编号)).toEqual(['QY-101', 'QY-101', 'QY-102'])
  })

  it('holds no plaintext ID number or phone, and no health detail', () => {
    const cells = everyCell(file.workbook)
    for (const needle of [...created.flatMap(plaintextOf), ...HEALTH_DETAILS])
      expect(
        cells.filter((c) => c.includes(needle)),
        needle,
      ).toEqual([])
    // …while the masks are there: the test reads the very cells it checks.
    expect(cells).toContain(maskIdNumber(main.idNumber))
    expect(cells).toContain(maskPhone(formula.phone as string))
  })

  it('shows health only to those who keep the village’s records, as the household page does', async () => {
    const asSecretary = await workbookFrom(
      await download('household-roster', tokens.secretary, `?villageId=${world.ref.villages.qianyue.id}`),
    )
    const members = rowsOf(asSecretary, MEMBER_SHEET)
    expect(members).toHaveLength(3)
    expect(members.map((r) => r.健康状况)).toEqual([null, null, null])
    expect(rowsOf(asSecretary, ROSTER_SHEET).map((r) => r.身份证号码)).toEqual([
      maskIdNumber(main.idNumber),
      maskIdNumber(formula.idNumber),
    ])
  })
})

describe('scope', () => {
  for (const variant of ['household-roster', 'household-roster-public'] as const) {
    it(`gives a cadre of another village none of 前跃村’s households (${variant})`, async () => {
      const asked = await download(variant, tokens.otherCadre, `?villageId=${world.ref.villages.qianyue.id}`)
      expect(asked.headers.get('content-disposition')).not.toContain(encodeURIComponent('前跃村'))
      expect(firstSheetRows(await workbookFrom(asked))).toEqual([])
      const all = await workbookFrom(await download(variant, tokens.otherCadre))
      expect(firstSheetRows(all).map((r) => r.户主姓名)).toEqual(['何有福'])
      const cells = everyCell(all).join('\n')
      for (const name of ['韩福全', '韩小梅', FORMULA_NAME, '前跃村']) expect(cells).not.toContain(name)
    })
  }

  it('gives an admin every village, anonymised households still left out', async () => {
    const workbook = await workbookFrom(await download('household-roster', tokens.admin))
    const codes = rowsOf(workbook, ROSTER_SHEET).map((r) => r.户编号)
    expect([...codes].sort()).toEqual(['QY-101', 'QY-102', 'ST-101'])
    expect(rowsOf(workbook, MEMBER_SHEET).map((r) => r.户编号)).not.toContain('QY-103')
  })
})

describe('refusals', () => {
  for (const variant of ['household-roster', 'household-roster-public'] as const) {
    describe(variant, () =>
      itRefusesLikeEveryExport({
        download: (token, query) => download(variant, token, query),
        tokens: () => ({ staff: tokens.cadre, resident: tokens.resident }),
        badFilters: { '?villageId=abc': 'villageId', '?village=前跃村': 'query' },
      }),
    )
  }
})

describe('formula injection', () => {
  it('keeps a head named like a formula as text in both files', async () => {
    const query = `?villageId=${world.ref.villages.qianyue.id}`
    for (const [variant, sheet, column] of [
      ['household-roster', ROSTER_SHEET, 4],
      ['household-roster-public', PUBLIC_ROSTER_SHEET, 3],
    ] as const) {
      const workbook = await workbookFrom(await download(variant, tokens.cadre, query))
      const row = sheetOf(workbook, sheet).getRow(3)
      const cell = row.getCell(column)
      expect(cell.value, variant).toBe(`'${FORMULA_NAME}`)
      expect(cell.type, variant).toBe(ExcelJS.ValueType.String)
      expect(cell.formula, variant).toBeUndefined()
      expect(row.getCell(column - 1).value, variant).toBe("'@三社")
    }
  })
})

describe('audit', () => {
  it('records each export with its filter and counts, and no personal data', async () => {
    const villageId = world.ref.villages.qianyue.id
    for (const [variant, action, counts] of [
      ['household-roster', 'export.householdRoster', { householdCount: 2, memberCount: 3 }],
      ['household-roster-public', 'export.householdRosterPublic', { householdCount: 2 }],
    ] as const) {
      const where = { action, actorId: world.ref.users.cadre.id }
      const before = await world.deps.prisma.auditLog.count({ where })
      await (await download(variant, tokens.cadre, `?villageId=${villageId}`)).arrayBuffer()
      const entries = await world.deps.prisma.auditLog.findMany({ where, orderBy: { id: 'desc' } })
      expect(entries.length, action).toBe(before + 1)
      expect(entries[0], action).toMatchObject({
        entityType: 'Export',
        entityId: variant,
        requestId: expect.any(String),
        after: { filters: { villageId }, ...counts, isComplete: true },
      })
      expect(Object.keys(entries[0]?.after as object).sort(), action).toEqual(
        ['filters', 'isComplete', ...Object.keys(counts)].sort(),
      )
    }
  })
})
