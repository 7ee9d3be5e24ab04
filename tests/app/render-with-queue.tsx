// Renders a page as the app does: signed in, inside the offline queue, whose writes are answered by
// the same `respond` as the page's queries (renderWithApi). The queue keeps its items in memory and
// is online or not as the test says; `latencyMs` holds each answer back, as a real network does.
import { TRPCClientError } from '@trpc/client'
import type { ReactElement } from 'react'
import { OfflineQueueProvider } from '../../src/lib/offline-queue/context'
import type { OfflineQueue } from '../../src/lib/offline-queue/queue'
import type { Transport } from '../../src/lib/offline-queue/types'
import { saveSession } from '../../src/lib/session'
import { memoryQueue, realTimers } from './memory-queue'
import { type ApiAnswer, type ApiCall, renderWithApi } from './render-with-api'

/** Who auth.me says is signed in: a village cadre who has agreed to the privacy notice. */
export const ME = {
  id: '0c000000-0000-4000-8000-000000000001',
  displayName: '张丽',
  roles: ['VILLAGE_CADRE'],
  privacy: { agreedAt: '2025-01-01T00:00:00.000Z' },
  villages: [{ id: '0d000000-0000-4000-8000-000000000001', name: '前跃村', township: '良教乡' }],
}

export const renderWithQueue = (
  ui: ReactElement,
  respond: (call: ApiCall) => ApiAnswer,
  { isOnline = true, latencyMs = 0 }: { isOnline?: boolean; latencyMs?: number } = {},
) => {
  saveSession({ token: 'test-token', expiresAt: new Date(Date.now() + 3_600_000) })
  const answer = (call: ApiCall): ApiAnswer => (call.path === 'auth.me' ? { data: ME } : respond(call))
  /** What the queue sent, in order. */
  const sent: ApiCall[] = []
  const transport: Transport = async (procedure, input) => {
    const call = { path: procedure, input }
    sent.push(call)
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    const result = answer(call)
    if ('error' in result) throw TRPCClientError.from({ error: { ...result.error, code: -32600 } })
    return result.data
  }
  const { queue, stored } = memoryQueue({ transport, isOnline, clock: realTimers })
  return { ...renderInQueue(ui, queue, answer), queue, sent, stored }
}

/** Renders `ui` inside `queue` (the app's provider), its queries answered by `respond`. */
export const renderInQueue = (ui: ReactElement, queue: OfflineQueue, respond: (call: ApiCall) => ApiAnswer) =>
  renderWithApi(<OfflineQueueProvider queue={queue}>{ui}</OfflineQueueProvider>, respond)
