// Downloading the exports' .xlsx files in tests and reading them back, as a spreadsheet would open them.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { beforeAll, expect, it } from 'vitest'
import type { World } from './world'

/** GET /exports/<name>.xlsx on a served world, as `token` (none: signed out), with a query string. */
export const exportDownload =
  (baseUrl: string, name: string) =>
  (token: string | null, query = '') =>
    fetch(`${baseUrl}/exports/${name}.xlsx${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

export const workbookOf = async (bytes: ArrayBuffer | Buffer) => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes as ArrayBuffer) as never)
  return workbook
}

/** The workbook a download answered, which must have succeeded. */
export const workbookFrom = async (response: Response) => {
  expect(response.status).toBe(200)
  return workbookOf(await response.arrayBuffer())
}

export const sheetOf = (workbook: ExcelJS.Workbook, name: string) => {
  const sheet = workbook.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}`)
  return sheet
}

/** A template as downloaded, filled in: each row added below what the sheet holds, cells under their headers. */
export const withRows = async (
  template: ArrayBuffer | Buffer,
  sheetName: string,
  rows: readonly Partial<Record<string, ExcelJS.CellValue>>[],
): Promise<Buffer> => {
  const workbook = await workbookOf(template)
  const sheet = sheetOf(workbook, sheetName)
  const headers: string[] = []
  sheet.getRow(1).eachCell((cell, col) => {
    headers[col] = String(cell.value)
  })
  for (const row of rows) sheet.addRow(headers.map((h) => (h ? (row[h] ?? null) : null)))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A sheet's first row: its column headers. */
export const headerOf = (sheet: ExcelJS.Worksheet) => {
  const values: ExcelJS.CellValue[] = []
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell) => values.push(cell.value))
  return values
}

/** A sheet's data rows (below the header), as header → value, for the headers given or the sheet's own. */
export const rowsOf = (workbook: ExcelJS.Workbook, name: string, headers?: readonly string[]) => {
  const sheet = sheetOf(workbook, name)
  const keys = headers ?? headerOf(sheet).map(String)
  const rows: Record<string, ExcelJS.CellValue>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    rows.push(Object.fromEntries(keys.map((h, i) => [h, row.getCell(i + 1).value])))
  })
  return rows
}

/** A yuan cell back to fen, exactly (the cell holds the double nearest yuan.cents). */
export const fenOf = (value: ExcelJS.CellValue | undefined): number => {
  if (value === null || value === undefined) return 0
  if (typeof value !== 'number') throw new Error(`not a number: ${String(value)}`)
  return Math.round(value * 100)
}

/** An .xlsx download, never cached, saved under `fileName` (RFC 5987) or its ASCII twin. */
export const expectXlsxAttachment = (response: Response, fileName: string, asciiFileName: string) => {
  expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(response.headers.get('cache-control')).toBe('no-store')
  const disposition = response.headers.get('content-disposition') ?? ''
  expect(disposition).toBe(`attachment; filename="${asciiFileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
  expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')).toBe(fileName)
}

/** The workbook's sheets in order, each with the headers given. */
export const expectSheets = (workbook: ExcelJS.Workbook, sheets: Record<string, readonly string[]>) => {
  expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.keys(sheets))
  for (const [name, headers] of Object.entries(sheets)) expect(headerOf(sheetOf(workbook, name)), name).toEqual(headers)
}

/** The latest audit entry of an export by this user. */
export const lastExportAudit = (world: World, action: string, actorId: string) =>
  world.deps.prisma.auditLog.findFirst({ where: { action, actorId }, orderBy: { id: 'desc' } })

/** The user's latest export of this kind is on the audit trail, complete, with these filters and counts. */
export const expectExportAudited = async (
  world: World,
  { action, actorId }: { action: string; actorId: string },
  after: Record<string, unknown>,
) => {
  const entry = await lastExportAudit(world, action, actorId)
  expect(entry).toMatchObject({
    entityType: 'Export',
    requestId: expect.any(String),
    after: { ...after, isComplete: true },
  })
  return entry
}

/** A file downloaded once, before the tests of the describe it is called in: its response and workbook. */
export const downloadBeforeAll = (download: () => Promise<Response>) => {
  const file = {} as { response: Response; workbook: ExcelJS.Workbook }
  beforeAll(async () => {
    file.response = await download()
    file.workbook = await workbookFrom(file.response)
  })
  return file
}

/** Runs an export service into memory: what it answered, and the workbook it wrote. */
export const exportedWorkbook = async <R>(run: (output: PassThrough) => Promise<R>) => {
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  const result = await run(output)
  return { result, workbook: await workbookOf(Buffer.concat(chunks)) }
}

/**
 * A village's month downloaded once before the describe's tests (`query` gives `?villageId=…`
 * and the month's first and last day), and a test that the file is named for the village and
 * the month: `前跃村-捐赠台账-2025-01.xlsx`, `donation-ledger-2025-01.xlsx`.
 */
export const downloadMonthOfVillage = (
  download: () => Promise<Response>,
  names: { village: string; what: string; whatAscii: string; month: string },
) => {
  const file = downloadBeforeAll(download)
  it('is an .xlsx attachment named for the village and month, never cached', () =>
    expectXlsxAttachment(
      file.response,
      `${names.village}-${names.what}-${names.month}.xlsx`,
      `${names.whatAscii}-${names.month}.xlsx`,
    ))
  return file
}
