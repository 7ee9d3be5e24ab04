// Reading one cell of an uploaded roster into what the household schema expects: text trimmed,
// Chinese labels to their codes, yuan to integer fen, Excel dates to YYYY-MM-DD. Only the shape
// of the cell is checked here; the field rules are the household create schema's
// (ZCreateHouseholdRequestSchema), applied to the whole household afterwards.
//   - A formula is never read as text: its cached result is used, so `=…` typed in a cell is what
//     Excel showed, and a formula without a result is refused. Text that merely starts with `=` is
//     stored as typed: it is data, and every export escapes it (xlsx-cells.ts).
import type ExcelJS from 'exceljs'
import { parseYuan } from '../../../common/money'
import type { ImportColumn } from './household-roster-columns'

export type CellValue = string | number | boolean | string[] | undefined

export type CellProblem = { code: 'INVALID_VALUE' | 'UNKNOWN_VALUE'; message: string }

export type CellResult = { ok: true; value: CellValue } | ({ ok: false } & CellProblem)

const invalid = (message: string): CellResult => ({ ok: false, code: 'INVALID_VALUE', message })

/** Excel's day 0 (its 1900 leap-year bug included), for dates typed as plain serial numbers. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

const pad2 = (text: string | number) => String(text).padStart(2, '0')

/** A cell's value as what a person sees: formulas by their result, rich text joined. */
export const plainValueOf = (
  value: ExcelJS.CellValue,
): { ok: true; value: string | number | boolean | Date | undefined } | { ok: false; message: string } => {
  if (value === null || value === undefined) return { ok: true, value: undefined }
  if (typeof value === 'string') {
    const text = value.trim()
    return { ok: true, value: text === '' ? undefined : text }
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return { ok: true, value }
  if ('richText' in value) return plainValueOf(value.richText.map((part) => part.text).join(''))
  if ('error' in value) return { ok: false, message: `单元格是错误值 ${value.error}，请改为实际内容` }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null)
      return { ok: false, message: '单元格是没有计算结果的公式，请改为实际内容' }
    if (typeof result === 'object' && !(result instanceof Date)) return { ok: false, message: '公式结果不是有效内容' }
    return plainValueOf(result as ExcelJS.CellValue)
  }
  if ('hyperlink' in value) return plainValueOf(value.text as ExcelJS.CellValue)
  return { ok: false, message: '无法识别的单元格内容' }
}

const labelToCode = (labels: Readonly<Record<string, string>>, text: string): string | undefined =>
  Object.entries(labels).find(([code, label]) => label === text || code === text)?.[0]

const unknown = (text: string, labels: Readonly<Record<string, string>>): CellResult => ({
  ok: false,
  code: 'UNKNOWN_VALUE',
  message: `未知的值「${text}」，可填：${Object.values(labels).join('、')}`,
})

const dayOf = (date: Date) => date.toISOString().slice(0, 10)

const asDay = (value: string | number | boolean | Date): string | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dayOf(value)
  if (typeof value === 'number') {
    // A date typed into a cell without a date format: Excel's serial day number.
    if (!Number.isInteger(value) || value < 1 || value > 80_000) return null
    return dayOf(new Date(EXCEL_EPOCH_MS + value * 86_400_000))
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(value))
  return match ? `${match[1]}-${pad2(match[2] ?? '')}-${pad2(match[3] ?? '')}` : String(value)
}

const asMonth = (value: string | number | boolean | Date): string => {
  if (value instanceof Date) return dayOf(value).slice(0, 7).replace('-', '')
  const text = String(value)
  const match = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text)
  return match ? `${match[1]}${pad2(match[2] ?? '')}` : text
}

/** One cell, read for its column. Blank is `undefined`: the schema decides if that is allowed. */
export const readCell = (raw: ExcelJS.CellValue, column: ImportColumn): CellResult => {
  const plain = plainValueOf(raw)
  if (!plain.ok) return invalid(plain.message)
  const value = plain.value
  if (value === undefined) return { ok: true, value: undefined }
  switch (column.kind) {
    case 'text':
      return { ok: true, value: value instanceof Date ? dayOf(value) : String(value) }
    case 'idNumber':
      // 18 digits do not fit a double: Excel kept the first 15 and zeroed the rest.
      if (typeof value === 'number')
        return invalid('身份证号码被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新填写')
      return { ok: true, value: String(value) }
    case 'phone':
      // 11 digits fit a number exactly.
      return { ok: true, value: String(value) }
    case 'enum': {
      const text = String(value)
      const code = labelToCode(column.labels ?? {}, text)
      return code ? { ok: true, value: code } : unknown(text, column.labels ?? {})
    }
    case 'enumList': {
      const codes: string[] = []
      for (const text of String(value)
        .split(/[、,，;；\s]+/)
        .filter(Boolean)) {
        const code = labelToCode(column.labels ?? {}, text)
        if (!code) return unknown(text, column.labels ?? {})
        if (!codes.includes(code)) codes.push(code)
      }
      return { ok: true, value: codes }
    }
    case 'yuan': {
      if (typeof value === 'boolean' || value instanceof Date) return invalid('请填写金额（元），例如 8600 或 8600.50')
      const parsed = parseYuan(typeof value === 'number' ? String(value) : value)
      return parsed.ok ? { ok: true, value: parsed.fen } : invalid(parsed.message)
    }
    case 'date': {
      const day = asDay(value)
      return day ? { ok: true, value: day } : invalid('日期格式应为 YYYY-MM-DD')
    }
    case 'month':
      return { ok: true, value: asMonth(value) }
    case 'yesNo': {
      if (typeof value === 'boolean') return { ok: true, value }
      const text = String(value)
      if (['是', '已消除', 'Y', 'y', '1'].includes(text)) return { ok: true, value: true }
      if (['否', '未消除', 'N', 'n', '0'].includes(text)) return { ok: true, value: false }
      return unknown(text, { YES: '是', NO: '否' })
    }
  }
}
