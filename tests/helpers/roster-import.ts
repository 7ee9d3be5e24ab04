// Roster files for the import tests, made by filling in the very template the server hands out
// (below its example row), and the upload itself, as the app's FormData sends it.
import ExcelJS from 'exceljs'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import { HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET } from '../../server/services/imports/household-roster-columns'

export type RosterCells = Record<string, ExcelJS.CellValue>
export type RosterFile = { households: RosterCells[]; members: RosterCells[]; risks: RosterCells[] }

const headersOf = (sheet: ExcelJS.Worksheet) => {
  const headers: string[] = []
  sheet.getRow(1).eachCell((cell, col) => {
    headers[col] = String(cell.value)
  })
  return headers
}

/** Appends rows (header → value) to a template workbook's sheets, and returns the file's bytes. */
export const fillTemplate = async (template: ArrayBuffer | Buffer, rows: RosterFile): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(template as ArrayBuffer) as never)
  for (const [name, list] of [
    [HOUSEHOLD_SHEET, rows.households],
    [MEMBER_SHEET, rows.members],
    [RISK_SHEET, rows.risks],
  ] as const) {
    const sheet = workbook.getWorksheet(name)
    if (!sheet) throw new Error(`the template has no sheet ${name}`)
    const headers = headersOf(sheet)
    for (const values of list) {
      for (const header of Object.keys(values))
        if (!headers.includes(header)) throw new Error(`the template's ${name} has no column ${header}`)
      sheet.addRow(headers.map((h) => (h ? (values[h] ?? null) : null)))
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A 家庭成员 row: a healthy member able to work, the household's head unless `cells` say otherwise. */
export const rosterMember = (code: string, name: string, cells: RosterCells = {}): RosterCells => ({
  户编号: code,
  姓名: name,
  与户主关系: '户主',
  健康状况: '健康',
  劳动能力: '有劳动能力',
  ...cells,
})

/** One household of the roster: its 户信息 row, its members (head first) and one risk. */
export const rosterHousehold = (
  code: string,
  seq: number,
  overrides: { household?: RosterCells; members?: RosterCells[]; risks?: RosterCells[] } = {},
): RosterFile => {
  const headId = fakeIdNumber('1972-03-04', seq)
  const headName = `导入户主${seq}`
  return {
    households: [
      {
        户编号: code,
        所在组: '三社',
        户主姓名: headName,
        户主身份证号码: headId,
        联系电话: `1390972${String(seq).padStart(4, '0')}`,
        户类型: '脱贫户',
        监测类别: '边缘易致贫户',
        '家庭人均纯收入（元）': 8600.5,
        帮扶措施: '产业帮扶、健康帮扶',
        监测开始: '2024-03-01',
        ...overrides.household,
      },
    ],
    members: overrides.members ?? [
      {
        户编号: code,
        姓名: headName,
        与户主关系: '户主',
        身份证号码: headId,
        健康状况: '长期慢性病',
        健康情况说明: '高血压',
        劳动能力: '部分丧失劳动能力',
      },
      {
        户编号: code,
        姓名: `导入子女${seq}`,
        与户主关系: '之子',
        身份证号码: fakeIdNumber('2008-05-06', seq),
        健康状况: '健康',
        劳动能力: '无劳动能力',
        在校生状况: '初中',
      },
    ],
    risks: overrides.risks ?? [{ 户编号: code, 风险类型: '因病', 识别时间: '202403', 是否已消除: '否' }],
  }
}

export const mergeRosters = (...files: RosterFile[]): RosterFile => ({
  households: files.flatMap((f) => f.households),
  members: files.flatMap((f) => f.members),
  risks: files.flatMap((f) => f.risks),
})

export type ImportQuery = {
  mode: 'dry-run' | 'commit'
  villageId: string
  digest?: string
  clientMutationId?: string
}

/** POST /imports/household-roster with the file as multipart/form-data. */
export const uploadRoster = (
  baseUrl: string,
  token: string | null,
  query: ImportQuery,
  bytes: Buffer | string,
  fileName = '花名册.xlsx',
) => {
  const form = new FormData()
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName)
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][])
  return fetch(`${baseUrl}/imports/household-roster?${search}`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
}
