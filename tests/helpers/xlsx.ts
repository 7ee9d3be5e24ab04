// Reading the exports' .xlsx files back in tests, as a spreadsheet would open them.
import ExcelJS from 'exceljs'
import { expect } from 'vitest'

export const workbookOf = async (bytes: ArrayBuffer | Buffer) => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes as ArrayBuffer) as never)
  return workbook
}

export const sheetOf = (workbook: ExcelJS.Workbook, name: string) => {
  const sheet = workbook.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}`)
  return sheet
}

/** A sheet's data rows (below the header), as header → value, for the headers given. */
export const rowsOf = (workbook: ExcelJS.Workbook, name: string, headers: readonly string[]) => {
  const rows: Record<string, ExcelJS.CellValue>[] = []
  sheetOf(workbook, name).eachRow((row, n) => {
    if (n === 1) return
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])))
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
