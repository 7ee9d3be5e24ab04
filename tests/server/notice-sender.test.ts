// WeChat subscribe messages, the sending side (services/notices/send-notices.ts) against a local
// stand-in for WeChat's API: each grant is spent by one message; refusals are recorded and not
// retried; rate errors wait and give the grant back; a send whose outcome is unknown is never
// repeated; two senders on one database send each message once; the access token is cached.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPrismaClient } from '../../server/db/client'
import type { WeChatConfig } from '../../server/services/auth/wechat-client'
import { SENDING_LEASE_MS, sendDueNotices } from '../../server/services/notices/send-notices'
import { type AccessTokens, createAccessTokens } from '../../server/services/notices/wechat-api'
import { householdInput } from '../helpers/factories'
import { TEST_NEED_STATUS_TEMPLATE, TEST_NOTICE_TEMPLATES } from '../helpers/notice-templates'
import { STAND_IN_APPID, STAND_IN_SECRET, startWeChatStandIn, type WeChatStandIn } from '../helpers/wechat-stand-in'
import { createWorld } from '../helpers/world'

const world = await createWorld({ notices: TEST_NOTICE_TEMPLATES })
const db = world.deps.prisma
const residentId = world.ref.users.resident.id
const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
await db.user.update({ where: { id: residentId }, data: { householdId: household.id } })
const resident = await world.as(residentId)

let standIn: WeChatStandIn
let wechat: WeChatConfig
let tokens: AccessTokens

beforeAll(async () => {
  standIn = await startWeChatStandIn()
  // The production timeout: a loaded machine can take a second to answer on loopback, and a
  // timed-out send is a different outcome (the test of a send that never answers uses its own).
  wechat = { appId: STAND_IN_APPID, secret: STAND_IN_SECRET, apiBase: standIn.apiBase, timeoutMs: 5000 }
  tokens = createAccessTokens(wechat)
})
afterAll(() => standIn.close())
beforeEach(() => {
  standIn.messages.length = 0
  standIn.answerSend = () => ({ errcode: 0, errmsg: 'ok' })
})

const drain = (at = new Date(), config = wechat) =>
  sendDueNotices({ db, wechat: config, tokens, log: world.deps.log, now: () => at })

/** The resident submits a need and the cadre moves it on: one message queued. */
const queueOne = async () => {
  const need = await resident.resident.submitNeed({ category: 'OTHER', description: '村口路灯坏了' })
  await world.cadre.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })
  return db.notice.findFirstOrThrow({ where: { page: { endsWith: need.id } } })
}

const grant = (n = 1) => resident.notice.recordGrants({ templateIds: Array(n).fill(TEST_NEED_STATUS_TEMPLATE) })

const rowOf = (id: string) => db.notice.findUniqueOrThrow({ where: { id } })

describe('sending the outbox', () => {
  it('sends a queued message on a grant, once, and spends the grant', async () => {
    await grant()
    const notice = await queueOne()
    expect(await drain()).toMatchObject({ sent: 1 })
    expect(standIn.messages).toEqual([
      expect.objectContaining({
        touser: 'o-demo-resident-madelin',
        template_id: TEST_NEED_STATUS_TEMPLATE,
        page: notice.page,
        data: notice.data,
        miniprogram_state: 'formal',
      }),
    ])
    expect(await rowOf(notice.id)).toMatchObject({ status: 'SENT', errcode: 0, attempts: 1 })
    expect(await db.noticeGrant.findFirst({ where: { noticeId: notice.id } })).toMatchObject({
      spentAt: expect.any(Date),
    })
    expect(await drain()).toMatchObject({ sent: 0 })
    expect(standIn.messages).toHaveLength(1)
  })

  it('records a message with no grant left, or refused by the user (43101), and never retries it', async () => {
    const noGrant = await queueOne()
    expect(await drain()).toMatchObject({ noGrant: 1, sent: 0 })
    expect(await rowOf(noGrant.id)).toMatchObject({ status: 'REFUSED', error: 'no grant left' })
    await grant()
    standIn.answerSend = () => ({ errcode: 43101, errmsg: 'user refuse to accept the msg' })
    const refused = await queueOne()
    expect(await drain()).toMatchObject({ refused: 1 })
    expect(await rowOf(refused.id)).toMatchObject({ status: 'REFUSED', errcode: 43101 })
    standIn.answerSend = () => ({ errcode: 0 })
    await drain(new Date(Date.now() + 86_400_000))
    expect(standIn.messages).toHaveLength(1)
  })

  it('waits after a rate error, gives the grant back, and sends when due', async () => {
    await grant()
    const notice = await queueOne()
    standIn.answerSend = () => ({ errcode: 45009, errmsg: 'reach max api daily quota limit' })
    expect(await drain()).toMatchObject({ retry: 1 })
    const waiting = await rowOf(notice.id)
    expect(waiting).toMatchObject({ status: 'PENDING', errcode: 45009, attempts: 1 })
    expect(waiting.notBefore.getTime()).toBeGreaterThan(Date.now() + 50_000)
    expect(await db.noticeGrant.count({ where: { userId: residentId, spentAt: null } })).toBe(1)
    standIn.answerSend = () => ({ errcode: 0 })
    expect(await drain()).toMatchObject({ sent: 0, retry: 0 })
    expect(await drain(new Date(waiting.notBefore.getTime() + 1))).toMatchObject({ sent: 1 })
    expect(await rowOf(notice.id)).toMatchObject({ status: 'SENT', attempts: 2 })
    expect(standIn.messages).toHaveLength(2)
  })

  it('never sends again a message whose send timed out, or that a stopped process left mid-send', async () => {
    await grant(2)
    const timedOut = await queueOne()
    standIn.answerSend = () => new Promise(() => {})
    expect(await drain(new Date(), { ...wechat, timeoutMs: 300 })).toMatchObject({ uncertain: 1 })
    expect(await rowOf(timedOut.id)).toMatchObject({ status: 'UNCERTAIN' })
    standIn.answerSend = () => ({ errcode: 0 })
    // A process claimed this one and stopped before recording the answer.
    const stranded = await queueOne()
    const claimedAt = new Date(Date.now() - SENDING_LEASE_MS - 1000)
    await db.notice.update({ where: { id: stranded.id }, data: { status: 'SENDING', claimedAt, attempts: 1 } })
    expect(await drain()).toMatchObject({ abandoned: 1, sent: 0 })
    expect(await rowOf(stranded.id)).toMatchObject({ status: 'UNCERTAIN' })
    await drain(new Date(Date.now() + 86_400_000))
    expect(standIn.messages.map((m) => m.page)).toEqual([timedOut.page])
  })

  it('gets a new access token when WeChat says the cached one is stale, and otherwise reuses it', async () => {
    const issued = standIn.tokensIssued()
    await grant()
    const notice = await queueOne()
    let first = true
    standIn.answerSend = () => {
      if (!first) return { errcode: 0 }
      first = false
      return { errcode: 42001, errmsg: 'access_token expired' }
    }
    expect(await drain()).toMatchObject({ retry: 1 })
    expect(await drain(new Date(Date.now() + 3_600_000))).toMatchObject({ sent: 1 })
    expect(await rowOf(notice.id)).toMatchObject({ status: 'SENT' })
    expect(standIn.tokensIssued()).toBe(issued + 1)
  })
})

describe('two senders on one database', () => {
  it('send each of 40 messages once', async () => {
    const other = createPrismaClient({ url: world.deps.url, poolSize: 5 })
    try {
      await db.notice.updateMany({ where: { status: 'PENDING' }, data: { status: 'FAILED' } })
      const ids = Array.from({ length: 40 }, () => randomUUID())
      await db.noticeGrant.createMany({
        data: ids.map(() => ({ userId: residentId, templateId: TEST_NEED_STATUS_TEMPLATE })),
      })
      await db.notice.createMany({
        data: ids.map((id) => ({
          id,
          eventKey: `test:${id}`,
          userId: residentId,
          templateId: TEST_NEED_STATUS_TEMPLATE,
          page: `package-resident/need-detail/index?id=${id}`,
          data: { thing1: { value: '测试' } },
        })),
      })
      standIn.answerSend = async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return { errcode: 0 }
      }
      const [a, b] = await Promise.all([
        sendDueNotices({ db, wechat, tokens, log: world.deps.log, batchSize: 5 }),
        sendDueNotices({ db: other, wechat, tokens: createAccessTokens(wechat), log: world.deps.log, batchSize: 5 }),
      ])
      expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(40)
      const pages = standIn.messages.map((m) => m.page)
      expect(new Set(pages).size).toBe(40)
      expect(pages).toHaveLength(40)
      expect(await db.notice.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(40)
      expect(await db.noticeGrant.count({ where: { noticeId: { in: ids } } })).toBe(40)
    } finally {
      await other.$disconnect()
    }
  })
})
