import { z } from 'zod'
import { NEED_CATEGORIES, NEED_URGENCIES } from '../../enums'
import { whenMissing, ZDateOnly } from '../fields'

export const ZNeedDescription = z
  .string(whenMissing('请填写诉求内容'))
  .trim()
  .min(2, '请把诉求写清楚（至少 2 个字）')
  .max(500, '诉求内容不能超过 500 个字')

/** What a need says, as staff record it (from a visit, or at the village office). */
export const ZNeedFields = z.object({
  category: z.enum(NEED_CATEGORIES, whenMissing('请选择诉求类别')),
  description: ZNeedDescription,
  urgency: z.enum(NEED_URGENCIES, whenMissing('请选择紧急程度')).default('NORMAL'),
  dueOn: ZDateOnly.nullish(),
})
export type TNeedFields = z.infer<typeof ZNeedFields>
