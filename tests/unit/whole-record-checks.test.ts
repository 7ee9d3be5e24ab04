// A form shows every error on the first save: the checks of one field against another (只能有一位
// 户主, 请选择走访的困难户, 请选择捐赠单位或填写捐赠方名称) run together with the fields' own checks,
// and a field sent malformed is refused for itself, never by a check that could not read it.
import { describe, expect, it } from 'vitest'
import { ZCreateDonationRequestSchema } from '../../common/contracts/donation/create-donation'
import { ZCreateHouseholdRequestSchema } from '../../common/contracts/household/create-household'
import { ZCreateVisitRequestSchema } from '../../common/contracts/visit/create-visit'
import { validate } from '../../src/lib/validate'

const errorsOf = (result: ReturnType<typeof validate>) => (result.ok ? {} : result.errors)

const member = (relationship: string) => ({ name: '马德林', relationship, laborCapacity: 'NONE' })

describe('whole-record checks on the first save', () => {
  it('a household: 只能有一位户主 and 同一类风险 beside the missing 健康状况 and 户编号', () => {
    const errors = errorsOf(
      validate(ZCreateHouseholdRequestSchema, {
        code: '',
        headName: '马德林',
        idNumber: '',
        category: 'MARGINAL',
        members: [member('HEAD'), member('HEAD')],
        risks: [
          { code: 'ILLNESS', identifiedMonth: '2025-01', isEliminated: true },
          { code: 'ILLNESS', identifiedMonth: '2025-02' },
        ],
      }),
    )
    expect(errors.code).toBe('请填写户编号')
    expect(errors['members.0.health']).toBe('请选择健康状况')
    expect(errors.members).toBe('家庭成员中只能有一位户主')
    expect(errors.risks).toBe('同一类风险只能登记一次')
    expect(errors['risks.0.eliminatedMonth']).toBe('风险已消除时请填写消除时间')
  })

  it('a visit: 请选择走访的困难户 beside a need without its 类别', () => {
    const errors = errorsOf(
      validate(ZCreateVisitRequestSchema, {
        target: 'HOUSEHOLD',
        householdId: null,
        villageId: '0193f7a6-8b1c-7def-8123-456789abcdef',
        visitedOn: '2026-12-06',
        goods: [],
        cashFen: 0,
        needs: [{ description: '看病难' }],
      }),
    )
    expect(errors.householdId).toBe('请选择走访的困难户')
    expect(errors['needs.0.category']).toBeTruthy()
  })

  it('a donation: 请选择捐赠单位或填写捐赠方名称 beside a bad date', () => {
    const errors = errorsOf(
      validate(ZCreateDonationRequestSchema, { kind: 'CASH', amountFen: 100, receivedOn: 'yesterday', goods: [] }),
    )
    expect(errors.receivedOn).toBeTruthy()
    expect(errors.donorName).toBe('请选择捐赠单位或填写捐赠方名称')
  })

  it('a field sent malformed is refused for itself (a 400, not a crash)', () => {
    const result = ZCreateVisitRequestSchema.safeParse({ target: 'HOUSEHOLD', needs: null, goods: 5 })
    expect(result.success).toBe(false)
    const household = ZCreateHouseholdRequestSchema.safeParse({ members: [null, 7], risks: 'x' })
    expect(household.success).toBe(false)
  })
})
