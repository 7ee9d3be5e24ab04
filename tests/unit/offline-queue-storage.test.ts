// The offline queue's storage and its runs, without a server: one key per item (what sending an
// item writes does not grow with the queue), the older app's whole-queue key moved over on load
// with nothing lost, and which items go out together in one request.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { RUN_SIZE } from '../../src/lib/offline-queue/next-run'
import { createOfflineQueue } from '../../src/lib/offline-queue/queue'
import type { QueueItem, QueueStorage, Transport } from '../../src/lib/offline-queue/types'
import { LEGACY_QUEUE_KEY, legacyQueueStorage, memoryStorage } from '../helpers/memory-storage'

const NO_TIMERS = { now: () => Date.now(), setTimer: () => () => {} }

const openQueue = (storage: QueueStorage, transport: Transport, isOnline = false) =>
  createOfflineQueue({
    storage,
    transport,
    clock: NO_TIMERS,
    network: { isOnline: () => isOnline },
    makeId: randomUUID,
  })

/** Answers every call at once, keeping the calls of each turn together as the batch link would. */
const recordingTransport = () => {
  const requests: string[][] = []
  let current: string[] | null = null
  const transport: Transport = async (procedure, input) => {
    if (!current) {
      current = []
      requests.push(current)
      queueMicrotask(() => {
        current = null
      })
    }
    current.push(`${procedure} ${String(input.id ?? '')}`)
    return { id: input.id }
  }
  return { transport, requests }
}

const item = (procedure: string, input: Record<string, unknown>, state: QueueItem['state'] = 'pending'): QueueItem => ({
  id: randomUUID(),
  clientMutationId: randomUUID(),
  procedure,
  input,
  createdAt: 1,
  attempts: 0,
  nextAttemptAt: 0,
  state,
})

const drain = async (queue: ReturnType<typeof openQueue>) => {
  queue.setOnline(true)
  await queue.sync()
}

const donations = (count: number) =>
  Array.from({ length: count }, (_, i) => ['donation.create', { id: randomUUID(), note: `捐赠 ${i}` }] as const)

describe('the offline queue in storage', () => {
  it('writes the same per item sent with 10 or 200 items queued', async () => {
    const perItem = async (count: number) => {
      const storage = memoryStorage()
      const queue = openQueue(storage, recordingTransport().transport)
      for (const [procedure, input] of donations(count)) queue.enqueue(procedure, input)
      const queued = storage.written()
      await drain(queue)
      expect(queue.getSnapshot().items).toEqual([])
      const sent = storage.written()
      return { writes: (sent.writes - queued.writes) / count, bytes: (sent.bytes - queued.bytes) / count }
    }
    const [small, large] = [await perItem(10), await perItem(200)]
    expect(large.writes).toBeLessThanOrEqual(small.writes)
    expect(large.bytes).toBeLessThan(small.bytes * 1.2)
  })

  it('moves the older app’s whole queue to one key per item, in order, failed and syncing items kept', async () => {
    const items = [
      item('activity.create', { id: randomUUID(), theme: '主题党日' }, 'syncing'),
      item('need.transition', { id: randomUUID(), version: 3 }, 'failed'),
      item('donation.create', { id: randomUUID(), note: '现金' }),
    ]
    const storage = legacyQueueStorage({ items, lastSyncedAt: 42 })
    const queue = openQueue(storage, recordingTransport().transport)
    const loaded = queue.getSnapshot()
    expect(loaded.items.map((i) => [i.id, i.state])).toEqual([
      [items[0]?.id, 'pending'],
      [items[1]?.id, 'failed'],
      [items[2]?.id, 'pending'],
    ])
    expect(loaded.lastSyncedAt).toBe(42)
    expect(storage.keys()).not.toContain(LEGACY_QUEUE_KEY)
    // A new run of the app reads the same back from the new keys.
    const again = openQueue(storage, recordingTransport().transport).getSnapshot()
    expect(again.items.map((i) => i.id)).toEqual(items.map((i) => i.id))
    expect(again.lastSyncedAt).toBe(42)
  })

  it('reads each item once after a kill in the middle of the move', () => {
    const items = [item('donation.create', { id: randomUUID() }), item('donation.create', { id: randomUUID() })]
    const storage = legacyQueueStorage({ items, lastSyncedAt: null })
    // The first run moved the items but died before removing the old key: the next run moves them again.
    const interrupted = storage.copy()
    openQueue(storage, recordingTransport().transport)
    for (const key of storage.keys()) interrupted.set(key, storage.get(key))
    expect(
      openQueue(interrupted, recordingTransport().transport)
        .getSnapshot()
        .items.map((i) => i.id),
    ).toEqual(items.map((i) => i.id))
  })
})

describe('the offline queue’s runs', () => {
  it('sends independent creates together, and what refers to a record of the run in the next request', async () => {
    const { transport, requests } = recordingTransport()
    const queue = openQueue(memoryStorage(), transport)
    const activity = randomUUID()
    queue.enqueue('activity.create', { id: activity })
    const visits = [randomUUID(), randomUUID()]
    for (const id of visits) queue.enqueue('visit.create', { id, activityId: activity })
    const need = randomUUID()
    queue.enqueue('need.transition', { id: need, version: 1 })
    for (const [procedure, input] of donations(RUN_SIZE + 2)) queue.enqueue(procedure, input)
    await drain(queue)
    expect(requests.map((r) => r.length)).toEqual([1, 2, 1, RUN_SIZE, 2])
    expect(requests[0]).toEqual([`activity.create ${activity}`])
    expect(requests[1]).toEqual(visits.map((id) => `visit.create ${id}`))
    expect(requests[2]).toEqual([`need.transition ${need}`])
  })

  it('keeps an item that failed for a while where it was, and the items behind it waiting', async () => {
    const calls: string[] = []
    let isDown = true
    const transport: Transport = async (procedure) => {
      calls.push(procedure)
      if (isDown && procedure === 'visit.create') throw new Error('network down')
      return {}
    }
    const storage = memoryStorage()
    const queue = openQueue(storage, transport)
    queue.enqueue('visit.create', { id: randomUUID() })
    queue.enqueue('donation.create', { id: randomUUID() })
    await drain(queue)
    // Sent together: the donation is recorded, the visit waits to be sent again.
    expect(calls).toEqual(['visit.create', 'donation.create'])
    expect(storage.peek().items.map((i) => [i.procedure, i.state])).toEqual([['visit.create', 'pending']])
    isDown = false
    await queue.sync({ force: true })
    expect(storage.peek().items).toEqual([])
  })
})
