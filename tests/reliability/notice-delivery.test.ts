// WeChat subscribe messages across real server processes (server/jobs/notice-job.ts), against a
// local stand-in for WeChat's API:
//  - two instances on one database, each running the notice-send schedule every minute, send
//    each queued message once;
//  - an instance killed (kill -9) after WeChat received a message but before it recorded the
//    answer leaves a row that the next instance marks UNCERTAIN and never sends again.
//
// Runs on the external PostgreSQL (127.0.0.1:5432, or TEST_DATABASE_URL) when one answers, else
// on an embedded PostgreSQL this file starts, which the servers share through DATABASE_URL.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { SENDING_LEASE_MS } from '../../server/services/notices/send-notices'
import { TEST_NEED_STATUS_TEMPLATE } from '../helpers/notice-templates'
import { STAND_IN_APPID, STAND_IN_SECRET, startWeChatStandIn, type WeChatStandIn } from '../helpers/wechat-stand-in'
import { reportFigures } from './figures'
import { migrateAndSeedAccounts, newFieldKey, type ServerProcess, sleep, withClient } from './server-process'
import { cleanupAfterAll, databaseForInstances } from './suite-resources'

const cleanups = cleanupAfterAll()
let standIn: WeChatStandIn | undefined
afterAll(() => standIn?.close())

/** Queues one message for the user, with one grant to spend: the page names it. */
const queue = async (url: string, userId: string) => {
  const id = randomUUID()
  const page = `package-resident/need-detail/index?id=${id}`
  await withClient(url, async (c) => {
    await c.query(`INSERT INTO "NoticeGrant" (id, "userId", "templateId") VALUES ($1, $2, $3)`, [
      randomUUID(),
      userId,
      TEST_NEED_STATUS_TEMPLATE,
    ])
    await c.query(
      `INSERT INTO "Notice" (id, "eventKey", "userId", "templateId", page, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, `test:${id}`, userId, TEST_NEED_STATUS_TEMPLATE, page, JSON.stringify({ thing1: { value: '测试消息' } })],
    )
  })
  return { id, page }
}

const statusesOf = (url: string, ids: string[]) =>
  withClient(url, async (c) => {
    const { rows } = await c.query<{ id: string; status: string }>(
      `SELECT id, status FROM "Notice" WHERE id = ANY($1::uuid[])`,
      [ids],
    )
    return new Map(rows.map((r) => [r.id, r.status]))
  })

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await sleep(2_000)
  }
}

describe('subscribe messages on several instances', () => {
  it('sends each message once on two instances, and never again after a kill between send and record', async () => {
    standIn = await startWeChatStandIn()
    const wechat = standIn
    const database = await databaseForInstances(cleanups, 'notice-delivery')
    const env = {
      FIELD_ENCRYPTION_KEY: newFieldKey(),
      BACKUP_SCHEDULE: 'off',
      WECHAT_APPID: STAND_IN_APPID,
      WECHAT_SECRET: STAND_IN_SECRET,
      WECHAT_API_BASE: wechat.apiBase,
      WECHAT_TEMPLATE_NEED_STATUS: TEST_NEED_STATUS_TEMPLATE,
      NOTICE_SEND_SCHEDULE: '* * * * *',
    }
    const start = (name: string): Promise<ServerProcess> => database.startInstance(name, env)

    // Two instances, twenty messages.
    const servers = [await start('a'), await start('b')]
    const ref = await migrateAndSeedAccounts(database.url)
    const residentId = ref.users.resident.id
    const queued = []
    for (let i = 0; i < 20; i += 1) queued.push(await queue(database.url, residentId))
    const ids = queued.map((q) => q.id)
    await waitFor(
      'all twenty sent',
      async () => [...(await statusesOf(database.url, ids)).values()].filter((s) => s === 'SENT').length === 20,
      180_000,
    )
    for (const server of servers) expect(await server.stop()).toEqual({ code: 0, signal: null })
    const pages = wechat.messages.map((m) => m.page)
    expect(pages.sort()).toEqual(queued.map((q) => q.page).sort())

    // An instance killed while WeChat holds its message, before it records the answer.
    const doomed = await start('c')
    const inFlight = await queue(database.url, residentId)
    let received = () => {}
    const arrived = new Promise<void>((resolve) => {
      received = resolve
    })
    wechat.answerSend = (message) => {
      if (message.page !== inFlight.page) return { errcode: 0 }
      received()
      return new Promise(() => {}) // the answer never comes: the process is killed first
    }
    await arrived
    const killedAt = Date.now()
    expect((await doomed.kill()).signal).toBe('SIGKILL')
    expect((await statusesOf(database.url, [inFlight.id])).get(inFlight.id)).toBe('SENDING')
    wechat.answerSend = () => ({ errcode: 0 })
    const next = await start('d')
    const after = await queue(database.url, residentId)
    await waitFor(
      'the stranded message marked uncertain, the next one sent',
      async () => {
        const statuses = await statusesOf(database.url, [inFlight.id, after.id])
        return statuses.get(inFlight.id) === 'UNCERTAIN' && statuses.get(after.id) === 'SENT'
      },
      SENDING_LEASE_MS + 180_000,
    )
    expect(await next.stop()).toEqual({ code: 0, signal: null })
    expect(wechat.messages.filter((m) => m.page === inFlight.page)).toHaveLength(1)
    expect(wechat.messages.filter((m) => m.page === after.page)).toHaveLength(1)
    expect(wechat.tokensIssued()).toBeLessThanOrEqual(4)
    reportFigures('notice-delivery', {
      sentOnTwoInstances: 20,
      messagesToStandIn: wechat.messages.length,
      strandedResolvedMs: Date.now() - killedAt,
    })
  }, 600_000)
})
