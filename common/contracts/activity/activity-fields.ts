import { z } from 'zod'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../enums'
import { nameText, whenMissing, wholeNumber, ZDateOnly } from '../fields'

export const ZAbsenceInput = z.object({
  name: nameText('请填写缺席人员姓名').min(1, '请填写缺席人员姓名').max(30, '姓名不能超过 30 个字'),
  reason: z.string(whenMissing('请填写缺席原因')).trim().min(1, '请填写缺席原因').max(100, '缺席原因不能超过 100 个字'),
})

/** A head-count, 应到 or 实到. */
const headCount = (missing: string) =>
  z.number(whenMissing(missing)).int(wholeNumber('人数须为整数')).min(0, '人数不能为负').max(10000, '人数过大')

export const ZActivityFields = z.object({
  kind: z.enum(ACTIVITY_KINDS, whenMissing('请选择活动类型')).default('THEMED_PARTY_DAY'),
  theme: z
    .string(whenMissing('请填写活动主题'))
    .trim()
    .min(2, '请填写活动主题（至少 2 个字）')
    .max(100, '活动主题不能超过 100 个字'),
  heldOn: ZDateOnly,
  villageId: z.uuid(whenMissing('请选择活动所在村')).nullish(),
  place: z.string().trim().max(100, '活动地点不能超过 100 个字').nullish(),
  /** 组织单位: must be within the secretary's own org subtree. */
  organiserOrgId: z.uuid(whenMissing('请选择组织单位')),
  /** 参加单位 besides the organiser (e.g. the law firms' branches). */
  participantOrgIds: z.array(z.uuid()).max(50, '参加单位最多 50 个').default([]),
  summary: z.string().trim().max(5000, '活动小结不能超过 5000 个字').nullish(),
  /** 应到 / 实到 */
  expectedCount: headCount('请填写应到人数'),
  presentCount: headCount('请填写实到人数'),
  absences: z.array(ZAbsenceInput).max(10000).default([]),
  status: z.enum(ACTIVITY_STATUSES).default('DRAFT'),
})

/** 应到 − 实到 people are absent, and each absentee has a reason, as on the paper record. */
export const refineAttendance = (
  activity: Pick<z.infer<typeof ZActivityFields>, 'expectedCount' | 'presentCount' | 'absences'>,
  ctx: z.RefinementCtx,
) => {
  if (activity.presentCount > activity.expectedCount) {
    ctx.addIssue({ code: 'custom', path: ['presentCount'], message: '实到人数不能多于应到人数' })
    return
  }
  const absent = activity.expectedCount - activity.presentCount
  if (activity.absences.length !== absent) {
    ctx.addIssue({
      code: 'custom',
      path: ['absences'],
      message: `应到 ${activity.expectedCount} 人、实到 ${activity.presentCount} 人，请填写 ${absent} 位缺席人员及原因（现为 ${activity.absences.length} 位）`,
    })
  }
}
