// The household record as forms edit it. Shared by create-household and update-household, and
// by the app's forms.
import { z } from 'zod'
import {
  HEALTH_STATUSES,
  HELP_MEASURES,
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_TYPES,
  LABOR_CAPACITIES,
  RELATIONSHIPS,
  RISK_CODES,
  RISK_ELIMINATION_METHODS,
  SCHOOL_STATUSES,
} from '../../enums'
import { nameText, whenMissing, wholeRecord, ZDateOnly, ZFen, ZIdNumber } from '../fields'

const ZYearMonth = z.string().regex(/^(19|20)\d{2}(0[1-9]|1[0-2])$/, '月份格式应为 YYYYMM，例如 202501')

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((v) => v || null)
    .nullish()

export const ZHouseholdMemberInput = z.object({
  /** Present for a member that already exists. */
  id: z.uuid().optional(),
  name: nameText('请填写成员姓名').min(1, '请填写成员姓名').max(30, '姓名不能超过 30 个字'),
  relationship: z.enum(RELATIONSHIPS, whenMissing('请选择与户主关系')),
  /** Omitted on update: keep the stored number. */
  idNumber: ZIdNumber.optional(),
  /**
   * 健康状况, for every member, as the national 防返贫 system records it (docs/domain.md) and the
   * roster import requires it. Forms send the stored one back for members they loaded.
   */
  health: z.object(
    {
      status: z.enum(HEALTH_STATUSES, whenMissing('请选择健康状况')),
      detail: optionalText(200, '健康情况说明不能超过 200 个字'),
    },
    whenMissing('请选择健康状况'),
  ),
  laborCapacity: z.enum(LABOR_CAPACITIES, whenMissing('请选择劳动能力')),
  schoolStatus: z.enum(SCHOOL_STATUSES, whenMissing('请选择在校生状况')).default('NOT_IN_SCHOOL'),
  workInfo: optionalText(100, '务工信息不能超过 100 个字'),
})
export type THouseholdMemberInput = z.infer<typeof ZHouseholdMemberInput>

export const ZHouseholdRiskInput = z
  .object({
    code: z.enum(RISK_CODES, whenMissing('请选择风险类型')),
    identifiedMonth: ZYearMonth,
    isEliminated: z.boolean().default(false),
    eliminatedMonth: ZYearMonth.nullish(),
    eliminationMethod: z.enum(RISK_ELIMINATION_METHODS, whenMissing('请选择风险消除方式')).nullish(),
  })
  .superRefine(
    ...wholeRecord<{
      isEliminated: boolean
      identifiedMonth: string
      eliminatedMonth?: string | null | undefined
      eliminationMethod?: string | null | undefined
    }>((risk, ctx) => {
      if (risk.isEliminated && !risk.eliminatedMonth) {
        ctx.addIssue({ code: 'custom', path: ['eliminatedMonth'], message: '风险已消除时请填写消除时间' })
      }
      if (risk.isEliminated && !risk.eliminationMethod) {
        ctx.addIssue({ code: 'custom', path: ['eliminationMethod'], message: '风险已消除时请选择消除方式' })
      }
      if (risk.eliminatedMonth && risk.eliminatedMonth < risk.identifiedMonth) {
        ctx.addIssue({ code: 'custom', path: ['eliminatedMonth'], message: '消除时间不能早于识别时间' })
      }
    }),
  )
export type THouseholdRiskInput = z.infer<typeof ZHouseholdRiskInput>

const ZHouseholdType = z.enum(HOUSEHOLD_TYPES, whenMissing('请选择户类型'))
const ZHelpMeasures = z.array(z.enum(HELP_MEASURES, whenMissing('请选择帮扶措施'))).max(8)
const ZMembers = z.array(ZHouseholdMemberInput).max(20, '家庭成员最多 20 人')
const ZRisks = z.array(ZHouseholdRiskInput).max(5, '致贫返贫风险最多 5 项')

/**
 * The fields a cadre fills in. On update, an omitted field keeps its stored value and null clears
 * it; a form that does not show a field therefore never wipes it.
 */
export const ZHouseholdFields = z.object({
  code: z
    .string(whenMissing('请填写户编号'))
    .trim()
    .min(1, '请填写户编号')
    .max(32, '户编号不能超过 32 个字符')
    .regex(/^[0-9A-Za-z-]+$/, '户编号只能包含数字、字母和短横线'),
  headName: nameText('请填写户主姓名').min(1, '请填写户主姓名').max(30, '户主姓名不能超过 30 个字'),
  groupName: optionalText(30, '所在组不能超过 30 个字'),
  householdType: ZHouseholdType.optional(),
  category: z.enum(HOUSEHOLD_CATEGORIES, whenMissing('请选择监测对象类别')),
  incomePerCapitaFen: ZFen.nullish(),
  wageIncomeFen: ZFen.nullish(),
  businessIncomeFen: ZFen.nullish(),
  propertyIncomeFen: ZFen.nullish(),
  transferIncomeFen: ZFen.nullish(),
  helpMeasures: ZHelpMeasures.optional(),
  responsibleUserId: z.uuid(whenMissing('请选择帮扶责任人')).nullish(),
  monitoringStartedOn: ZDateOnly.nullish(),
  monitoringEndedOn: ZDateOnly.nullish(),
  notes: optionalText(1000, '备注不能超过 1000 个字'),
  members: ZMembers.optional(),
  risks: ZRisks.optional(),
})

/** What a new household gets for the fields left out. */
export const householdDefaults = {
  householdType: ZHouseholdType.default('POVERTY_ALLEVIATED'),
  helpMeasures: ZHelpMeasures.default([]),
  members: ZMembers.default([]),
  risks: ZRisks.default([]),
}

/** Cross-field rules, shared by create and update. */
export const refineHousehold = (
  household: Pick<z.infer<typeof ZHouseholdFields>, 'members' | 'risks' | 'monitoringStartedOn' | 'monitoringEndedOn'>,
  ctx: z.RefinementCtx,
) => {
  const heads = (household.members ?? []).filter((m) => m.relationship === 'HEAD')
  if (heads.length > 1) ctx.addIssue({ code: 'custom', path: ['members'], message: '家庭成员中只能有一位户主' })
  const codes = (household.risks ?? []).map((r) => r.code)
  if (new Set(codes).size !== codes.length) {
    ctx.addIssue({ code: 'custom', path: ['risks'], message: '同一类风险只能登记一次' })
  }
  if (
    household.monitoringStartedOn &&
    household.monitoringEndedOn &&
    household.monitoringEndedOn < household.monitoringStartedOn
  ) {
    ctx.addIssue({ code: 'custom', path: ['monitoringEndedOn'], message: '监测结束日期不能早于开始日期' })
  }
}
