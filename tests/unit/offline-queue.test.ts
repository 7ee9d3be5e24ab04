// The offline queue against the real server: a secretary's day without signal must
// arrive exactly once, in order, with nothing lost, whatever the network and the phone do.
// Storage, clock, randomness and the network are fakes; the transport is the real router, its
// errors shaped as the tRPC client receives them over HTTP.
import { randomUUID } from 'node:crypto'
import { TRPCClientError } from '@trpc/client'
import { getTRPCErrorShape, TRPCError } from '@trpc/server'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Caller } from '../../server/caller'
import { appRouter } from '../../server/routers/app-router'
import { backoffCeiling, DEFAULT_BACKOFF } from '../../src/lib/offline-queue/backoff'
import { createOfflineQueue, type OfflineQueueOptions } from '../../src/lib/offline-queue/queue'
import type { Transport } from '../../src/lib/offline-queue/types'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { memoryStorage } from '../helpers/memory-storage'
import { signatureBase64 } from '../helpers/signature-png'
import { createWorld, type World } from '../helpers/world'

let world: World
let householdId: string
let signaturePng: string

beforeAll(async () => {
  world = await createWorld()
  householdId = (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id
  signaturePng = await signatureBase64()
})

// ---- fakes --------------------------------------------------------------------------------------

/** Taro storage as the phone keeps it: JSON, surviving the app (a new queue reads it back). */
const fakeStorage = memoryStorage

const fakeClock = (start = 1_750_000_000_000) => {
  let now = start
  let timers: { at: number; run: () => void }[] = []
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run }
      timers.push(timer)
      return () => {
        timers = timers.filter((t) => t !== timer)
      }
    },
    advance: (ms: number) => {
      now += ms
      const due = timers.filter((t) => t.at <= now)
      timers = timers.filter((t) => t.at > now)
      for (const t of due) t.run()
    },
  }
}

const fakeNetwork = (isOnline = true) => {
  const state = { isOnline }
  return { isOnline: () => state.isOnline, state }
}

/** The router as the queue's transport: procedure path → caller method; errors as over HTTP. */
const wireTo =
  (caller: Caller): Transport =>
  async (procedure, input) => {
    const method = procedure
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
      i: unknown,
    ) => Promise<unknown>
    // What leaves the phone is JSON.
    const sent = JSON.parse(JSON.stringify(input)) as unknown
    try {
      return await method(sent)
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error
      const shape = getTRPCErrorShape({
        config: appRouter._def._config,
        error,
        type: 'mutation',
        path: procedure,
        input: sent,
        ctx: undefined,
      })
      throw TRPCClientError.from({ error: shape })
    }
  }

type Failure = 'offline' | 'lost-answer' | 'unavailable' | 'hang-after-server'

/**
 * A network that fails in chosen ways, call by call: no connection; the server commits but the
 * answer is lost; a 503; the server commits and the app is killed before the answer (never settles).
 */
const flaky = (transport: Transport, plan: Failure[]) => {
  const calls: string[] = []
  const send: Transport = async (procedure, input) => {
    calls.push(procedure)
    const failure = plan.shift()
    if (failure === 'offline') throw new TRPCClientError('Network request failed: timeout')
    if (failure === 'unavailable') {
      throw TRPCClientError.from({
        error: {
          code: -32603,
          message: '系统正在恢复，请稍后重试，已填写的内容不会丢失',
          data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, appCode: 'DATABASE_UNAVAILABLE' },
        },
      })
    }
    const result = await transport(procedure, input)
    if (failure === 'lost-answer') throw new TRPCClientError('Network request failed: request:fail')
    if (failure === 'hang-after-server') return new Promise(() => {})
    return result
  }
  return { send, calls }
}

type FakeStorage = ReturnType<typeof fakeStorage>

const makeQueue = (
  overrides: Partial<OfflineQueueOptions> & Pick<OfflineQueueOptions, 'transport'> & { storage?: FakeStorage },
) => {
  const storage = overrides.storage ?? fakeStorage()
  const clock = fakeClock()
  const network = fakeNetwork()
  const queue = createOfflineQueue({ clock, network, makeId: randomUUID, random: () => 0.5, ...overrides, storage })
  return { queue, storage, clock, network }
}

const prisma = () => world.deps.prisma

const activityFor = (theme: string, overrides: Record<string, unknown> = {}) => ({
  ...activityInput(world.ref.orgs.bureauBranch.id, { villageId: world.ref.villages.qianyue.id, theme }),
  id: randomUUID(),
  ...overrides,
})

const visitFor = (activityId: string | null, difficulties: string) => ({
  id: randomUUID(),
  activityId,
  target: 'HOUSEHOLD',
  householdId,
  visitedOn: '2025-02-20',
  difficulties,
  goods: [],
  cashFen: 10_000,
})

const donationFor = (activityId: string | null, note: string, amountFen = 50_000) => ({
  ...cashDonationInput(world.ref.villages.qianyue.id, amountFen, { activityId, note }),
  id: randomUUID(),
})

// ---- tests -------------------------------------------------------------------------------------

describe('the offline queue, syncing to the real server', () => {
  it('a day offline: an activity, two visits and a donation that refer to it arrive once, in order', async () => {
    const { queue, storage } = makeQueue({ transport: wireTo(world.secretary), network: fakeNetwork(false) })
    const activity = activityFor('离线主题党日')
    queue.enqueue('activity.create', activity)
    queue.enqueue('visit.create', visitFor(activity.id, '离线走访一'))
    queue.enqueue('visit.create', visitFor(activity.id, '离线走访二'))
    queue.enqueue('donation.create', donationFor(activity.id, '离线捐赠'))
    await queue.sync()
    expect(queue.getSnapshot().pendingCount).toBe(4)
    expect(storage.peek()?.items.map((i) => i.procedure)).toEqual([
      'activity.create',
      'visit.create',
      'visit.create',
      'donation.create',
    ])

    queue.setOnline(true)
    await queue.sync()

    expect(queue.getSnapshot()).toMatchObject({ pendingCount: 0, failedCount: 0, syncingId: null })
    expect(queue.getSnapshot().lastSyncedAt).not.toBeNull()
    expect(storage.peek()?.items).toEqual([])
    const rows = await prisma().activity.findMany({ where: { theme: '离线主题党日' } })
    expect(rows.map((r) => r.id)).toEqual([activity.id])
    const visits = await prisma().visit.findMany({ where: { activityId: activity.id }, orderBy: { createdAt: 'asc' } })
    expect(visits).toHaveLength(2)
    const donations = await prisma().donation.findMany({ where: { activityId: activity.id } })
    expect(donations.map((d) => [d.note, Number(d.amountFen)])).toEqual([['离线捐赠', 50_000]])
  })

  it('replays after an app kill mid-sync without recording anything twice', async () => {
    const storage = fakeStorage()
    // The server commits the activity, then the app is killed before the answer comes back.
    const dying = flaky(wireTo(world.secretary), ['hang-after-server'])
    const first = makeQueue({ transport: dying.send, storage, network: fakeNetwork(false) })
    const activity = activityFor('被杀进程的主题党日')
    first.queue.enqueue('activity.create', activity)
    first.queue.enqueue('visit.create', visitFor(activity.id, '杀进程后的走访'))
    first.queue.setOnline(true)
    await expect.poll(() => prisma().activity.count({ where: { id: activity.id } }), { timeout: 15_000 }).toBe(1)
    expect(storage.peek()?.items[0]?.state).toBe('syncing')
    first.queue.dispose()

    // The app starts again: the item left 'syncing' is pending, and is sent again.
    const second = makeQueue({ transport: wireTo(world.secretary), storage })
    expect(second.queue.getSnapshot().items.map((i) => [i.procedure, i.state])).toEqual([
      ['activity.create', 'pending'],
      ['visit.create', 'pending'],
    ])
    await second.queue.sync()
    expect(second.queue.getSnapshot().pendingCount).toBe(0)
    expect(await prisma().activity.count({ where: { theme: '被杀进程的主题党日' } })).toBe(1)
    expect(await prisma().visit.count({ where: { activityId: activity.id } })).toBe(1)
  })

  it('the same queue synced twice, at once and again, sends each item once', async () => {
    const wire = flaky(wireTo(world.secretary), [])
    const { queue } = makeQueue({ transport: wire.send, network: fakeNetwork(false) })
    const notes = ['两次同步一', '两次同步二', '两次同步三']
    for (const note of notes) queue.enqueue('donation.create', donationFor(null, note))
    queue.setOnline(true) // a sync on the network's return…
    await Promise.all([queue.sync(), queue.sync(), queue.sync({ force: true })]) // …the app shown, 立即同步
    await queue.sync()
    expect(wire.calls).toHaveLength(3)
    for (const note of notes) expect(await prisma().donation.count({ where: { note } })).toBe(1)
  })

  it('a permanent failure stops that item and those that refer to it; independent items go through', async () => {
    const wire = flaky(wireTo(world.secretary), [])
    const { queue } = makeQueue({ transport: wire.send, network: fakeNetwork(false) })
    // Organised by another village's branch: the secretary may not (a permanent refusal).
    const refused = activityFor('无权组织的活动', { organiserOrgId: world.ref.orgs.otherVillageBranch.id })
    const refusedItem = queue.enqueue('activity.create', refused).item
    const dependentVisit = queue.enqueue('visit.create', visitFor(refused.id, '依赖失败活动的走访')).item
    const independent = donationFor(null, '独立的捐赠')
    queue.enqueue('donation.create', independent)
    const dependentDonation = queue.enqueue('donation.create', donationFor(refused.id, '依赖失败活动的捐赠')).item
    queue.enqueue('visit.create', visitFor(null, '独立的走访'))
    queue.setOnline(true)
    await queue.sync()

    const snapshot = queue.getSnapshot()
    const failed = snapshot.items.find((i) => i.id === refusedItem.id)
    expect(failed?.state).toBe('failed')
    // The organiser is out of the secretary's scope: refused on that field.
    expect(failed?.error?.code).toBe('VALIDATION_FAILED')
    expect(failed?.error?.message).toMatch(/[\u4e00-\u9fff]/)
    expect(snapshot.blockedBy).toEqual({ [dependentVisit.id]: refusedItem.id, [dependentDonation.id]: refusedItem.id })
    expect(snapshot.items.map((i) => i.id)).toEqual([refusedItem.id, dependentVisit.id, dependentDonation.id])
    expect(wire.calls).toEqual(['activity.create', 'donation.create', 'visit.create'])
    expect(await prisma().activity.count({ where: { id: refused.id } })).toBe(0)
    expect(await prisma().donation.count({ where: { note: '独立的捐赠' } })).toBe(1)
    expect(await prisma().visit.count({ where: { difficulties: '独立的走访' } })).toBe(1)
    expect(await prisma().visit.count({ where: { difficulties: '依赖失败活动的走访' } })).toBe(0)

    // Syncing again leaves the failed item and its dependents alone…
    await queue.sync({ force: true })
    expect(wire.calls).toHaveLength(3)
    // …until the person gives it up: then the dependents are tried, and fail visibly, never silently.
    expect(queue.discard(refusedItem.id)).toBe(true)
    await queue.sync()
    expect(queue.getSnapshot().items.map((i) => [i.id, i.state])).toEqual([
      [dependentVisit.id, 'failed'],
      [dependentDonation.id, 'failed'],
    ])
    expect(await prisma().visit.count({ where: { difficulties: '依赖失败活动的走访' } })).toBe(0)
  })

  it('retries temporary failures with growing, jittered backoff, then records the item once', async () => {
    // The server commits but the answer is lost; then two 503s; then it answers.
    const wire = flaky(wireTo(world.secretary), ['lost-answer', 'unavailable', 'unavailable'])
    const jitter = [0.9, 0.95, 0.97]
    const { queue, clock } = makeQueue({ transport: wire.send, random: () => jitter.shift() ?? 0 })
    const donation = donationFor(null, '退避重试的捐赠')
    const { item, firstAttempt } = queue.enqueue('donation.create', donation)
    expect(await firstAttempt).toEqual({ status: 'queued' })
    await queue.sync()

    const delays: number[] = []
    for (let attempt = 1; attempt <= 3; attempt++) {
      const waiting = queue.getSnapshot().items[0]
      expect(waiting).toMatchObject({ id: item.id, state: 'pending', attempts: attempt })
      const delay = (waiting?.nextAttemptAt ?? 0) - clock.now()
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThan(backoffCeiling(attempt, DEFAULT_BACKOFF))
      delays.push(delay)
      // Not due yet: a sync sends nothing.
      const sent = wire.calls.length
      await queue.sync()
      expect(wire.calls).toHaveLength(sent)
      clock.advance(delay) // the queue's timer fires
      await queue.sync()
    }
    // Ceilings 2 s, 4 s, 8 s, jittered (0.9, 0.95, 0.97 of them).
    expect(delays).toEqual([1_800, 3_800, 7_760])
    expect(backoffCeiling(20, DEFAULT_BACKOFF)).toBe(300_000)
    expect(queue.getSnapshot().pendingCount).toBe(0)
    expect(wire.calls).toHaveLength(4)
    expect(await prisma().donation.count({ where: { note: '退避重试的捐赠' } })).toBe(1)
    expect(await prisma().donation.count({ where: { id: donation.id } })).toBe(1)
  })

  it('a stale version fails with CONFLICT and the other person’s edit stays', async () => {
    const created = await world.secretary.activity.create(activityFor('版本冲突的活动'))
    const { queue } = makeQueue({ transport: wireTo(world.secretary), network: fakeNetwork(false) })
    const { id: _id, ...fields } = activityFor('我离线时的修改')
    const { firstAttempt } = queue.enqueue('activity.update', { ...fields, id: created.id, version: created.version })
    // Meanwhile, online, someone else saves.
    await world.secretary.activity.update({
      ...activityFor('别人先保存的修改'),
      id: created.id,
      version: created.version,
    })
    queue.setOnline(true)
    await queue.sync()
    const outcome = await firstAttempt
    expect(outcome.status).toBe('failed')
    const [failed] = queue.getSnapshot().items
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'VERSION_CONFLICT' } })
    expect(failed?.error?.message).toContain('刚被其他人修改过')
    const row = await prisma().activity.findUniqueOrThrow({ where: { id: created.id } })
    expect(row.theme).toBe('别人先保存的修改')
  })

  it('tells an open form how the first attempt went: field errors when refused', async () => {
    const { queue } = makeQueue({ transport: wireTo(world.secretary) })
    const { firstAttempt } = queue.enqueue('donation.create', donationFor(null, '金额为零', 0))
    const outcome = await firstAttempt
    expect(outcome.status).toBe('failed')
    if (outcome.status !== 'failed') return
    expect(outcome.error.code).toBe('VALIDATION_FAILED')
    expect((outcome.cause as TRPCClientError<never>).data).toMatchObject({ httpStatus: 400 })
  })
})

describe('two phones drawing the same donation offline', () => {
  it('the first to sync hands over; the second is refused in Chinese, its signature waiting with it', async () => {
    const donation = await world.secretary.donation.create(
      cashDonationInput(world.ref.villages.qianyue.id, 80_000, { donorName: '离线对账的捐赠人' }),
    )
    const handover = () => ({
      id: randomUUID(),
      recipientKind: 'HOUSEHOLD',
      householdId,
      handedOverOn: '2025-03-01',
      cashFen: 50_000,
      goods: [],
      draws: [{ donationId: donation.id, cashFen: 50_000 }],
    })
    const phones = [1, 2].map(() => makeQueue({ transport: wireTo(world.cadre), network: fakeNetwork(false) }).queue)
    const made = phones.map((queue) => {
      const input = handover()
      queue.enqueue('handover.create', input)
      const sign = queue.enqueue('handover.sign', {
        id: input.id,
        signaturePng,
        signedAt: '2025-03-01T10:00:00+08:00',
      }).item
      return { input, sign }
    })
    for (const queue of phones) {
      queue.setOnline(true)
      await queue.sync()
    }
    const [first, second] = phones.map((q) => q.getSnapshot())
    expect(first).toMatchObject({ pendingCount: 0, failedCount: 0 })
    expect(second?.failedCount).toBe(1)
    const refused = second?.items.find((i) => i.state === 'failed')
    expect(refused).toMatchObject({ procedure: 'handover.create', error: { code: 'DONATION_OVERDRAWN' } })
    expect(refused?.error?.message).toBe('离线对账的捐赠人的捐款只剩 ¥300.00，不够发放 ¥500.00')
    expect(second?.blockedBy[made[1]?.sign.id ?? '']).toBe(refused?.id)
    // Never a silent overdraw: one handover drew on the donation, and it is signed.
    const draws = await prisma().handoverDraw.findMany({ where: { donationId: donation.id } })
    expect(draws.map((d) => [d.handoverId, Number(d.amountFen)])).toEqual([[made[0]?.input.id, 50_000]])
    expect(await prisma().handover.findUnique({ where: { id: made[0]?.input.id ?? '' } })).toMatchObject({
      state: 'CONFIRMED',
      confirmation: 'PHONE_SIGNATURE',
    })
    expect(await prisma().handover.count({ where: { id: made[1]?.input.id ?? '' } })).toBe(0)
  })
})

describe('a phone shared by two people', () => {
  it('sends each item only while the account that saved it is signed in', async () => {
    let owner: string | null = 'alice'
    const sent: string[] = []
    const network = fakeNetwork(false)
    const queue = createOfflineQueue({
      storage: fakeStorage(),
      transport: async (_procedure, input) => {
        sent.push(`${owner} sends ${String(input.note)}`)
        return {}
      },
      clock: fakeClock(),
      network,
      makeId: randomUUID,
      currentOwner: () => owner,
    })
    queue.enqueue('donation.create', { note: 'alice 的捐赠' })
    owner = 'bob'
    queue.enqueue('donation.create', { note: 'bob 的捐赠' })
    expect(queue.getSnapshot().items.map((i) => i.ownerId)).toEqual(['alice', 'bob'])

    queue.setOnline(true)
    await queue.sync()
    expect(sent).toEqual(['bob sends bob 的捐赠'])
    expect(queue.getSnapshot().pendingCount).toBe(1)

    owner = null // signed out: nothing goes
    await queue.sync({ force: true })
    expect(sent).toHaveLength(1)

    owner = 'alice'
    await queue.sync()
    expect(sent).toEqual(['bob sends bob 的捐赠', 'alice sends alice 的捐赠'])
    expect(queue.getSnapshot().pendingCount).toBe(0)
    queue.dispose()
  })
})

describe('处理冲突: a conflicting edit merged by the person', () => {
  it('resolve sends the merged fields at the server’s version, under a new key, once, with nothing lost', async () => {
    const created = await world.secretary.activity.create(activityFor('合并前的活动', { place: '村委会' }))
    const { queue, storage } = makeQueue({ transport: wireTo(world.secretary), network: fakeNetwork(false) })
    const { id: _id, ...mine } = activityFor('我离线时改的主题', { place: '我改的地点', summary: '我写的小结' })
    // Queued before it: an independent donation, and after it, another; the conflict keeps its place.
    queue.enqueue('donation.create', donationFor(null, '冲突前的捐赠'))
    const { item } = queue.enqueue('activity.update', { ...mine, id: created.id, version: created.version })
    queue.enqueue('donation.create', donationFor(null, '冲突后的捐赠'))
    // Meanwhile, online, someone else saves another place.
    await world.secretary.activity.update({
      ...activityFor('别人改的主题', { place: '别人改的地点' }),
      id: created.id,
      version: created.version,
    })
    queue.setOnline(true)
    await queue.sync()
    expect(queue.getSnapshot().items.map((i) => [i.id, i.state, i.error?.code])).toEqual([
      [item.id, 'failed', 'VERSION_CONFLICT'],
    ])

    // The person keeps their theme and summary, and takes the server's place.
    const server = await world.secretary.activity.byId({ id: created.id })
    expect(server.version).toBeGreaterThan(created.version)
    const merged = { ...mine, id: created.id, version: server.version, place: server.place }
    expect(await queue.resolve(item.id, merged)).toBe(true)

    expect(queue.getSnapshot()).toMatchObject({ items: [], failedCount: 0, pendingCount: 0 })
    expect(storage.peek()?.items).toEqual([])
    const row = await prisma().activity.findUniqueOrThrow({ where: { id: created.id } })
    expect([row.theme, row.place, row.summary]).toEqual(['我离线时改的主题', '别人改的地点', '我写的小结'])
    expect(row.version).toBe(server.version + 1)
    // Two updates in all: the other person's, and exactly one from the resolved item.
    const audits = await prisma().auditLog.findMany({
      where: { action: 'activity.update', entityId: created.id },
      orderBy: { id: 'asc' },
    })
    expect(audits).toHaveLength(2)
    expect(audits[0]?.after).toMatchObject({ theme: '别人改的主题', version: server.version })
    expect(audits[1]?.before).toMatchObject({ theme: '别人改的主题', version: server.version })
    expect(audits[1]?.after).toMatchObject({
      theme: '我离线时改的主题',
      place: '别人改的地点',
      version: server.version + 1,
    })
    // Nothing lost: both donations around it went through, once each.
    for (const note of ['冲突前的捐赠', '冲突后的捐赠'])
      expect(await prisma().donation.count({ where: { note } })).toBe(1)
  })

  it('resolve gives the item a new clientMutationId and keeps its place; only failed items can be resolved', async () => {
    const transport = async () => {
      throw TRPCClientError.from({
        error: {
          code: -32600,
          message: '这条记录刚被其他人修改过，请刷新后核对再保存',
          data: { code: 'CONFLICT', httpStatus: 409, appCode: 'VERSION_CONFLICT' },
        },
      })
    }
    const { queue, network } = makeQueue({ transport, network: fakeNetwork(false) })
    const first = queue.enqueue('activity.update', { id: 'a', version: 1, theme: '旧' }).item
    const second = queue.enqueue('activity.update', { id: 'b', version: 1, theme: '另一条' }).item
    expect(await queue.resolve(first.id, { id: 'a', version: 2, theme: '新' })).toBe(false) // pending: not yet
    network.state.isOnline = true
    queue.setOnline(true)
    await queue.sync()
    expect(queue.getSnapshot().failedCount).toBe(2)

    network.state.isOnline = false
    queue.setOnline(false)
    expect(
      await queue.resolve(first.id, { id: 'a', version: 3, theme: '合并后', clientMutationId: first.clientMutationId }),
    ).toBe(true)
    const [resolved, other] = queue.getSnapshot().items
    expect(resolved).toMatchObject({
      id: first.id,
      state: 'pending',
      attempts: 0,
      input: { version: 3, theme: '合并后' },
    })
    expect(resolved?.clientMutationId).not.toBe(first.clientMutationId)
    expect(resolved?.input).not.toHaveProperty('clientMutationId')
    expect(resolved).not.toHaveProperty('error')
    expect(other?.id).toBe(second.id)
    expect(await queue.resolve('no-such-item', {})).toBe(false)
  })
})
