import { z } from 'zod'
import { ZPage } from '../fields'

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((v) => v || undefined)
    .optional()

/**
 * 管理 → 村: every village of the ledger, for administrators, in the order of the 行政区划 (county,
 * township, name). `search` is a name (any part of it) or, when it is digits, the start of a
 * 行政区划代码 (6 digits: a county's villages, 9: a township's).
 */
export const ZListVillageDirectoryRequestSchema = ZPage.extend({
  search: optionalText(30, '搜索内容'),
  county: optionalText(30, '县（区）名称'),
  township: optionalText(30, '乡（镇）名称'),
})
export type TListVillageDirectoryRequest = z.infer<typeof ZListVillageDirectoryRequestSchema>
