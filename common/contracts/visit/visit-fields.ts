import { z } from 'zod'
import { VISIT_TARGETS } from '../../enums'
import { whenMissing, ZDateOnly, ZFen, ZGoodsLines } from '../fields'
import { ZNeedFields } from '../need/need-fields'

const finding = (label: string) =>
  z
    .string()
    .trim()
    .max(1000, `${label}不能超过 1000 个字`)
    .transform((v) => v || null)
    .nullish()

export const ZVisitFields = z.object({
  visitedOn: ZDateOnly,
  /** Who went, besides the person logging it (who is always a visitor). */
  visitorIds: z.array(z.uuid()).max(20, '走访人员最多 20 人').default([]),
  /** 健康状况 (personal data, stored encrypted), 家庭生活情况, 实际困难 */
  healthNotes: finding('健康状况'),
  livingConditions: finding('家庭生活情况'),
  difficulties: finding('实际困难'),
  goods: ZGoodsLines.default([]),
  /** 慰问金 handed over, in fen. */
  cashFen: ZFen.default(0),
})
export type TVisitFields = z.infer<typeof ZVisitFields>

export const ZVisitTarget = z.object({
  activityId: z.uuid().nullish(),
  target: z.enum(VISIT_TARGETS, whenMissing('请选择走访对象')),
  householdId: z.uuid().nullish(),
  cadreUserId: z.uuid().nullish(),
  /** Needed for a cadre visit outside an activity that names its village. */
  villageId: z.uuid().nullish(),
})

export const ZRaisedNeed = ZNeedFields.extend({ id: z.uuid().optional() })
