// WeChat subscribe messages, the queue side: the grants a user gives in the mini-program, and the
// outbox row a change to a resident's own need queues in the same transaction, within WeChat's
// field rules and without the need's content.
import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/env'
import { NEED_STATUS_VALUES, parseFieldMapping } from '../../server/services/notices/templates'
import { fitField, wechatDateTime } from '../../server/services/notices/wechat-fields'
import { failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { TEST_NEED_STATUS_TEMPLATE, TEST_NOTICE_TEMPLATES } from '../helpers/notice-templates'
import { createWorld } from '../helpers/world'

const TEMPLATE = TEST_NEED_STATUS_TEMPLATE
const world = await createWorld({ notices: TEST_NOTICE_TEMPLATES })
const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
await world.deps.prisma.user.update({ where: { id: world.ref.users.resident.id }, data: { householdId: household.id } })
const resident = await world.as(world.ref.users.resident.id)

const noticesOf = (userId: string) =>
  world.deps.prisma.notice.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })

describe('notice.templates and notice.recordGrants', () => {
  it('names the configured template, and records one grant per accepted template for a WeChat user', async () => {
    expect(await resident.notice.templates()).toEqual({ needStatus: TEMPLATE, reminder: null })
    expect(await resident.notice.recordGrants({ templateIds: [TEMPLATE, TEMPLATE] })).toEqual({ recorded: 2 })
    const grants = await world.deps.prisma.noticeGrant.findMany({ where: { userId: world.ref.users.resident.id } })
    expect(grants).toHaveLength(2)
    expect(grants.every((g) => g.templateId === TEMPLATE && g.spentAt === null)).toBe(true)
  })

  it('refuses a template the server does not send with, and an account without WeChat', async () => {
    expect(await failureOf(resident.notice.recordGrants({ templateIds: ['tmpl-unknown-000'] }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: '这项提醒暂未开通，请更新小程序后再试',
      cause: { fieldErrors: { templateIds: ['这项提醒暂未开通，请更新小程序后再试'] } },
    })
    // The cadre signs in on H5 with a phone: no openid to send to.
    expect(await failureOf(world.cadre.notice.recordGrants({ templateIds: [TEMPLATE] }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      appCode: 'NOTICE_NOT_WECHAT',
    })
  })
})

describe('the outbox', () => {
  it('queues one message per status change of a need the resident submitted, without its content', async () => {
    const submitted = await resident.resident.submitNeed({
      category: 'MEDICAL',
      description: '需要协助办理慢病卡，高血压',
    })
    let need = await world.cadre.need.transition({
      id: submitted.id,
      version: submitted.version,
      to: 'TRANSFERRED',
      responsibleUnit: '良教乡卫生院',
    })
    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'IN_PROGRESS' })
    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'RESOLVED', note: '已办好' })
    const notices = (await noticesOf(world.ref.users.resident.id)).filter((n) => n.page.endsWith(need.id))
    expect(notices.map((n) => (n.data as Record<string, { value: string }>).phrase2?.value)).toEqual([
      '已转交',
      '办理中',
      '已办结',
    ])
    for (const notice of notices) {
      expect(notice).toMatchObject({ status: 'PENDING', templateId: TEMPLATE, attempts: 0 })
      expect(notice.page).toBe(`package-resident/need-detail/index?id=${need.id}`)
      const data = notice.data as Record<string, { value: string }>
      expect(Object.keys(data).sort()).toEqual(['phrase2', 'thing1', 'thing4', 'time3'])
      expect(data.thing1?.value).toMatch(/^\d{1,2}月\d{1,2}日提交的诉求$/)
      expect(data.time3?.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
      for (const { value } of Object.values(data)) expect(Array.from(value).length).toBeLessThanOrEqual(20)
      const text = JSON.stringify(data)
      for (const secret of ['慢病', '高血压', '卫生院', '已办好', '马德林']) expect(text).not.toContain(secret)
    }
    // The 办结 message asks for the resident's 回访.
    expect(notices[2]?.data).toMatchObject({ thing4: { value: '已办结，请在小程序中评价' } })
  })

  it('queues nothing for a need a cadre registered, or for a change that was refused', async () => {
    const before = await world.deps.prisma.notice.count()
    const need = await world.cadre.need.create({
      householdId: household.id,
      category: 'HOUSING',
      description: '院墙修补',
    })
    await world.cadre.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })
    const submitted = await resident.resident.submitNeed({ category: 'OTHER', description: '路灯坏了' })
    const stale = { id: submitted.id, version: submitted.version + 5, to: 'HANDLED_DIRECTLY' as const }
    expect(await failureOf(world.cadre.need.transition(stale))).toMatchObject({ code: 'CONFLICT' })
    expect(await world.deps.prisma.notice.count()).toBe(before)
  })
})

describe('WeChat field rules', () => {
  it('fits values to their keyword types', () => {
    expect(fitField('thing', '一二三四五六七八九十一二三四五六七八九十一')).toBe(
      '一二三四五六七八九十一二三四五六七八九…',
    )
    expect(fitField('thing', '第一行\n第二行')).toBe('第一行 第二行')
    expect(() => fitField('phrase', '转交责任单位')).toThrow(/phrase/)
    expect(fitField('phrase', '已办结')).toBe('已办结')
    expect(wechatDateTime(new Date('2026-12-06T09:05:00Z'))).toBe('2026年12月6日 17:05')
    expect(fitField('character_string', 'AB-12 三')).toBe('AB-12')
  })

  it('refuses a mapping that puts a value in a keyword that cannot hold it, at start-up', () => {
    expect(() => parseFieldMapping('subject=thing1,status=phrase2,time=time3', NEED_STATUS_VALUES)).toThrow(/tip/)
    expect(() =>
      parseEnv({
        WECHAT_TEMPLATE_NEED_STATUS: TEMPLATE,
        WECHAT_TEMPLATE_NEED_STATUS_FIELDS: 'subject=phrase1,status=phrase2,time=time3,tip=thing4',
      }),
    ).toThrow(/WECHAT_TEMPLATE_NEED_STATUS_FIELDS: "subject=phrase1": subject goes in a keyword of type thing/)
    const env = parseEnv({ WECHAT_TEMPLATE_NEED_STATUS: TEMPLATE })
    expect(env.noticeTemplates.needStatus).toEqual({
      templateId: TEMPLATE,
      fields: { thing1: 'subject', phrase2: 'status', time3: 'time', thing4: 'tip' },
    })
    expect(parseEnv({}).noticeTemplates.needStatus).toBeNull()
  })
})
