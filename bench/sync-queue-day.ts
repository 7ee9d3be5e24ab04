// The sync-queue measure's day of records, the phone's network, and what the queue writes to
// storage per item sent (bench/sync-queue.ts).
import { randomUUID } from 'node:crypto'
import { createOfflineQueue } from '../src/lib/offline-queue/queue'
import type { NetworkStatus } from '../src/lib/offline-queue/types'
import { activityInput, cashDonationInput } from '../tests/helpers/factories'
import { memoryStorage } from '../tests/helpers/memory-storage'

/** Every record's text field starts with this, then the pass and its index: what is counted. */
export const TAG = '同步压测'

type Procedure = 'activity.create' | 'visit.create' | 'donation.create'
export type Mutation = { procedure: Procedure; input: Record<string, unknown>; id: string; marker: string }
export type Story = { orgId: string; villageId: string; householdIds: string[] }

/**
 * A day's records, ten at a time as a 主题党日 goes: the activity, six household visits and
 * three donations (two in cash, one of goods) that refer to it by its client-made id, so that
 * order and the references between offline records are exercised.
 */
export const dayOffline = (pass: string, { orgId, villageId, householdIds }: Story, count: number): Mutation[] => {
  let activityId = ''
  return Array.from({ length: count }, (_, i): Mutation => {
    const id = randomUUID()
    const marker = `${TAG} ${pass} #${i}`
    const slot = i % 10
    if (slot === 0) {
      activityId = id
      return {
        procedure: 'activity.create',
        id,
        marker,
        input: { ...activityInput(orgId, { villageId, theme: marker }), id },
      }
    }
    if (slot <= 6) {
      const visit = {
        id,
        activityId,
        target: 'HOUSEHOLD',
        householdId: householdIds[i % householdIds.length],
        visitedOn: '2025-02-20',
        difficulties: marker,
        goods: slot === 1 ? [{ item: '大米', quantity: 2, unit: '袋', unitValueFen: 10_000 }] : [],
        cashFen: 20_000,
      }
      return { procedure: 'visit.create', id, marker, input: visit }
    }
    const goods = [
      { item: '面粉', quantity: 10, unit: '袋', unitValueFen: 8_000 },
      { item: '食用油', quantity: 5, unit: '桶', unitValueFen: 12_000 },
    ]
    // A gift of goods has no amount of its own: the server sums its lines.
    const { amountFen, ...fields } = cashDonationInput(villageId, 50_000, { activityId, note: marker })
    const donation = slot === 9 ? { ...fields, kind: 'GOODS', goods } : { ...fields, amountFen }
    return { procedure: 'donation.create', id, marker, input: { ...donation, id } }
  })
}

/** The phone's connection: off until `set(true)`, telling the queues as WeChat would. */
export const phoneNetwork = () => {
  let online = false
  const listeners = new Set<(isOnline: boolean) => void>()
  const status: NetworkStatus = {
    isOnline: () => online,
    onChange: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
  const set = (isOnline: boolean) => {
    online = isOnline
    for (const listener of listeners) listener(isOnline)
  }
  return { status, set }
}

/**
 * What the queue writes to storage to send each item, with `size` items queued: enqueued offline,
 * then sent to a transport that answers at once. Bytes as Taro stores each value ({ data }).
 */
export const storageCost = async (size: number, story: Story) => {
  const storage = memoryStorage()
  const network = phoneNetwork()
  let drained = () => {}
  const finished = new Promise<void>((resolve) => {
    drained = resolve
  })
  const queue = createOfflineQueue({
    storage,
    transport: async (_procedure, input) => ({ id: input.id }),
    clock: { now: () => Date.now(), setTimer: () => () => {} },
    network: network.status,
    makeId: randomUUID,
  })
  const mutations = dayOffline('storage', story, size)
  for (const m of mutations) queue.enqueue(m.procedure, m.input)
  const queued = storage.written()
  queue.subscribe(() => {
    if (!queue.getSnapshot().items.length) drained()
  })
  const t0 = performance.now()
  network.set(true)
  await finished
  const queueMs = performance.now() - t0
  const sent = storage.written()
  queue.dispose()
  return {
    queuedBytesPerItem: Math.round(queued.bytes / size),
    writesPerItemSent: Math.round(((sent.writes - queued.writes) / size) * 100) / 100,
    bytesPerItemSent: Math.round((sent.bytes - queued.bytes) / size),
    queueMs: Math.round(queueMs),
  }
}
