// PIPL in practice: agreement to the privacy notice is recorded per version, and a resident sees
// what is held about their household and asks for corrections, which reach the cadre as needs.
import { beforeAll, describe, expect, it } from 'vitest'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { failureOf } from '../helpers/errors'
import { householdInput, newClientMutationId } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

/** A WeChat user who has not yet agreed to the notice, and a caller for them. */
const newcomer = async () => {
  const user = await world.deps.prisma.user.create({ data: { displayName: '微信用户', openid: `o-${Math.random()}` } })
  return { user, caller: await world.as(user.id, { agreed: false }) }
}

const agree = (caller: World['member']) =>
  caller.auth.agreePrivacy({ clientMutationId: newClientMutationId(), version: PRIVACY_NOTICE_VERSION, channel: 'H5' })

describe('privacy notice', () => {
  it('records agreement to the version in force, and refuses an outdated one', async () => {
    const { user, caller } = await newcomer()
    expect((await caller.auth.me()).privacy).toEqual({ version: PRIVACY_NOTICE_VERSION, agreedAt: null })
    const outdated = await failureOf(
      caller.auth.agreePrivacy({ clientMutationId: newClientMutationId(), version: '2020-01-01', channel: 'H5' }),
    )
    expect(outdated.appCode).toBe('PRIVACY_NOTICE_OUTDATED')
    const profile = await agree(caller)
    expect(profile.privacy.agreedAt).toBeInstanceOf(Date)
    expect((await caller.auth.me()).privacy.agreedAt).toEqual(profile.privacy.agreedAt)
    const consent = await world.deps.prisma.privacyConsent.findMany({ where: { userId: user.id } })
    expect(consent).toMatchObject([{ version: PRIVACY_NOTICE_VERSION, channel: 'H5' }])
    expect(await world.deps.prisma.auditLog.count({ where: { action: 'auth.agreePrivacy', entityId: user.id } })).toBe(
      1,
    )
  })

  it('lets no one give or see their household’s data before agreeing', async () => {
    const input = householdInput(world.ref.villages.qianyue.id)
    await world.cadre.household.create(input)
    const { user, caller } = await newcomer()
    const proof = { headName: input.headName, idNumber: input.idNumber }
    const refused = await failureOf(caller.resident.bindHousehold(proof))
    expect(refused).toMatchObject({ appCode: 'PRIVACY_CONSENT_REQUIRED', code: 'PRECONDITION_FAILED' })
    expect(refused.message).toBe('请先阅读并同意个人信息保护说明')
    // Nothing was tried, so nothing counts towards a lockout.
    expect(await world.deps.prisma.authAttempt.count({ where: { subject: user.id } })).toBe(0)
    await agree(caller)
    const agreed = await world.as(user.id, { agreed: false })
    await agreed.resident.bindHousehold(proof)
    // A resident bound before a new notice: their household waits until they agree to it.
    await world.deps.prisma.privacyConsent.deleteMany({ where: { userId: user.id } })
    const resident = await world.as(user.id, { agreed: false })
    expect((await failureOf(resident.resident.myHousehold())).appCode).toBe('PRIVACY_CONSENT_REQUIRED')
    expect((await failureOf(resident.resident.myNeeds({}))).appCode).toBe('PRIVACY_CONSENT_REQUIRED')
    expect((await resident.auth.me()).household).toBeNull()
  })
})

describe('a resident’s rights over their household’s record', () => {
  it('shows the household as held, masked, and takes a correction request to the cadre', async () => {
    const input = householdInput(world.ref.villages.qianyue.id)
    const household = await world.cadre.household.create(input)
    await world.resident.resident.bindHousehold({ headName: input.headName, idNumber: input.idNumber })
    const resident = await world.as(world.ref.users.resident.id)

    const mine = await resident.resident.myHousehold()
    expect(mine).toMatchObject({
      headName: input.headName,
      idNumberMasked: household.idNumberMasked,
      category: input.category,
      members: [{ name: input.members[0]?.name, health: { status: 'CHRONIC_ILLNESS' } }],
    })
    expect(JSON.stringify(mine)).not.toContain(input.idNumber)
    // Each member's health details are their own: the household sees the status only.
    expect(JSON.stringify(mine)).not.toContain('高血压')

    const correction = await resident.resident.submitNeed({
      clientMutationId: newClientMutationId(),
      category: 'CORRECTION',
      description: '户主电话已换号，请更新',
    })
    const board = await world.cadre.need.list({})
    expect(board.items.find((n) => n.id === correction.id)).toMatchObject({
      category: 'CORRECTION',
      status: 'RECEIVED',
    })
    // Staff and unbound accounts have no household of their own to look at.
    expect(await failureOf(world.cadre.resident.myHousehold())).toMatchObject({ appCode: 'RESIDENT_NOT_BOUND' })
  })
})
