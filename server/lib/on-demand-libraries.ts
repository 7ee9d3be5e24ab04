// Libraries only some requests need (spreadsheets, images, QR codes), loaded on first use: a server
// that has not been asked for a file, a photo or an invitation does not hold them (exceljs and
// sharp alone are some 50 MB resident), and starts without reading them.
import { createRequire } from 'node:module'
import type ExcelJS from 'exceljs'
import type QRCode from 'qrcode'
import type sharp from 'sharp'

const require = createRequire(import.meta.url)

let excel: Promise<typeof ExcelJS> | undefined
let workbookWriter: Promise<typeof ExcelJS.stream.xlsx.WorkbookWriter> | undefined
let images: Promise<typeof sharp> | undefined
let qrCodes: Promise<typeof QRCode> | undefined

export const loadExcelJS = (): Promise<typeof ExcelJS> => {
  excel ??= import('exceljs').then((module) => module.default)
  return excel
}

/**
 * exceljs's streaming writer alone, which is all the exports use: the whole library (its readers,
 * its in-memory workbook, CSV) takes twice as long to load, and the first export after a start
 * waits for it before its first byte.
 */
export const loadWorkbookWriter = (): Promise<typeof ExcelJS.stream.xlsx.WorkbookWriter> => {
  workbookWriter ??= Promise.resolve().then(
    () => require('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter,
  )
  return workbookWriter
}

export const loadSharp = (): Promise<typeof sharp> => {
  images ??= import('sharp').then((module) => module.default)
  return images
}

export const loadQRCode = (): Promise<typeof QRCode> => {
  qrCodes ??= import('qrcode').then((module) => module.default)
  return qrCodes
}
