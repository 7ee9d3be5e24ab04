import { z } from 'zod'
import { nameText, whenMissing } from '../fields'

/**
 * 行政区划代码 of a village: 12 digits, 省(2) 市(2) 县(2) 乡镇(3) 村(3), e.g. 630121105201 for
 * 前跃村 of 良教乡, 大通县. The province's two digits must be one of China's.
 */
export const PROVINCE_CODES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
] as const

export const ZAdminCode = z
  .string(whenMissing('请填写行政区划代码'))
  .trim()
  .regex(/^\d{12}$/, '行政区划代码应为 12 位数字，如 630121105201')
  .refine(
    (code) => (PROVINCE_CODES as readonly string[]).includes(code.slice(0, 2)),
    '行政区划代码的前两位不是有效的省级代码',
  )
  .refine((code) => code.slice(9) !== '000' && code.slice(6, 9) !== '000', '这是县或乡镇的代码，请填写村级的 12 位代码')

const place = (label: string, max: number) =>
  nameText(`请填写${label}`).min(2, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`)

/**
 * The county (县) and township (乡镇) a code belongs to, by its first 6 and 9 digits: villages
 * sharing them must carry the same county and township names.
 */
export const countyCodeOf = (adminCode: string) => adminCode.slice(0, 6)
export const townshipCodeOf = (adminCode: string) => adminCode.slice(0, 9)

export const ZVillageFields = z.object({
  name: place('村名', 30),
  /** 县 (区, 市) and 乡 (镇), as written on the 台账. */
  county: place('所属县（区）', 30),
  township: place('所属乡（镇）', 30),
  adminCode: ZAdminCode,
})
export type TVillageFields = z.infer<typeof ZVillageFields>
