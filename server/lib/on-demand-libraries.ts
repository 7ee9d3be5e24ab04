// Libraries only some requests need (spreadsheets, images, QR codes), loaded on first use: a server
// that has not been asked for a file, a photo or an invitation does not hold them (exceljs and
// sharp alone are some 50 MB resident), and starts without reading them.
import type ExcelJS from 'exceljs'
import type QRCode from 'qrcode'
import type sharp from 'sharp'

let excel: Promise<typeof ExcelJS> | undefined
let images: Promise<typeof sharp> | undefined
let qrCodes: Promise<typeof QRCode> | undefined

export const loadExcelJS = (): Promise<typeof ExcelJS> => {
  excel ??= import('exceljs').then((module) => module.default)
  return excel
}

export const loadSharp = (): Promise<typeof sharp> => {
  images ??= import('sharp').then((module) => module.default)
  return images
}

export const loadQRCode = (): Promise<typeof QRCode> => {
  qrCodes ??= import('qrcode').then((module) => module.default)
  return qrCodes
}
