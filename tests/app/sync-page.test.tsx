// 待同步: the person sees what waits on the phone, the item being sent, the failed one
// with the server's reason, and can retry it or give it up (after confirming).
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { QueueItem, StoredQueue, Transport } from '../../src/lib/offline-queue/types'
import { SyncQueueView } from '../../src/package-sync/index/sync-queue-view'
import { memoryQueue } from './memory-queue'
import { renderInQueue } from './render-with-queue'
import { answerModal, restoreTaro } from './stub-taro'

afterEach(restoreTaro)

const ACTIVITY = 'a0000000-0000-4000-8000-000000000001'
const item = (overrides: Partial<QueueItem>): QueueItem => ({
  id: crypto.randomUUID(),
  clientMutationId: crypto.randomUUID(),
  procedure: 'donation.create',
  input: {},
  createdAt: Date.parse('2025-02-20T02:00:00Z'),
  attempts: 0,
  nextAttemptAt: 0,
  state: 'pending',
  ...overrides,
})

const stored: StoredQueue = {
  lastSyncedAt: Date.parse('2025-02-20T01:30:00Z'),
  items: [
    item({
      id: 'failed-activity',
      procedure: 'activity.create',
      input: { id: ACTIVITY, theme: '无权组织的活动', heldOn: '2025-02-20' },
      state: 'failed',
      attempts: 1,
      error: { code: 'FORBIDDEN', message: '您的账号没有此项操作的权限，如需开通请联系管理员' },
    }),
    item({ procedure: 'visit.create', input: { activityId: ACTIVITY, visitedOn: '2025-02-20' } }),
    item({ input: { donorName: '爱心人士', amountFen: 50_000, receivedOn: '2025-02-20' } }),
  ],
}

const renderPage = (transport: Transport, isOnline = false) => {
  const { queue, stored: saved } = memoryQueue({ ...stored, transport, isOnline })
  renderInQueue(<SyncQueueView />, queue, () => ({ data: null }))
  return { queue, stored: saved }
}

describe('待同步', () => {
  it('lists each item with its state, the failure’s reason, and the last sync', async () => {
    renderPage(vi.fn())
    expect(await screen.findByText('2 条待同步，1 条失败')).toBeTruthy()
    expect(screen.getByTestId('last-synced').textContent).toContain('上次同步：2025-02-20 09:30')
    expect(screen.getByTestId('last-synced').textContent).toContain('当前无网络')
    const rows = screen.getAllByTestId('sync-item').map((row) => row.textContent)
    expect(rows[0]).toContain('新建主题党日')
    expect(rows[0]).toContain('同步失败')
    expect(rows[0]).toContain('您的账号没有此项操作的权限')
    expect(rows[1]).toContain('等待前一条记录处理')
    expect(rows[2]).toContain('爱心人士 ¥500.00')
    expect(rows[2]).toContain('等待同步')
  })

  it('放弃 asks first, and keeps the item when the person declines', async () => {
    const { stored: saved } = renderPage(vi.fn())
    const modal = answerModal(false)
    fireEvent.click(await screen.findByText('放弃'))
    await waitFor(() => expect(modal).toHaveBeenCalledOnce())
    expect(modal.mock.calls[0]?.[0].content).toContain('依赖它的 1 条记录将无法同步')
    expect(saved().items).toHaveLength(3)
    answerModal(true)
    fireEvent.click(screen.getByText('放弃'))
    await waitFor(() => expect(saved().items).toHaveLength(2))
    expect(screen.queryByText('同步失败')).toBeNull()
  })

  it('重试 sends the failed item again, and what is recorded leaves the list', async () => {
    const transport = vi.fn<Transport>().mockResolvedValue({ id: ACTIVITY })
    renderPage(transport, true)
    await act(async () => fireEvent.click(await screen.findByText('重试')))
    await waitFor(() => expect(screen.getByText('全部已同步')).toBeTruthy())
    expect(transport.mock.calls.map(([procedure]) => procedure)).toEqual([
      'activity.create',
      'visit.create',
      'donation.create',
    ])
    expect(transport.mock.calls[0]?.[1]).toMatchObject({ id: ACTIVITY, clientMutationId: expect.any(String) })
  })

  it('says which household a visit was to and what it handed over, and who gave a donation', async () => {
    const household = 'b0000000-0000-4000-8000-000000000002'
    const firm = 'c0000000-0000-4000-8000-000000000003'
    const { queue } = memoryQueue({
      lastSyncedAt: null,
      items: [
        item({
          procedure: 'visit.create',
          input: {
            visitedOn: '2025-01-23',
            target: 'HOUSEHOLD',
            villageId: 'd0000000-0000-4000-8000-000000000001',
            householdId: household,
            goods: [
              { item: '米', quantity: 1, unit: '袋', unitValueFen: 10_000 },
              { item: '面', quantity: 1, unit: '袋', unitValueFen: 7_500 },
            ],
            cashFen: 50_000,
          },
        }),
        item({ input: { donorOrgId: firm, kind: 'CASH', amountFen: 500_000, receivedOn: '2025-01-23' } }),
      ],
      transport: vi.fn(),
      isOnline: false,
    })
    renderInQueue(<SyncQueueView />, queue, (call) => {
      if (call.path === 'household.byId') return { data: { id: household, headName: '李桂兰', code: 'QY-002' } }
      if (call.path === 'org.list')
        return { data: { items: [{ id: firm, name: '青海某某律师事务所' }], nextCursor: null } }
      return { data: null }
    })
    await waitFor(() => {
      const rows = screen.getAllByTestId('sync-item').map((row) => row.textContent)
      expect(rows[0]).toContain('2025-01-23 李桂兰（QY-002） 米、面 · 慰问金 ¥500.00')
      expect(rows[1]).toContain('2025-01-23 青海某某律师事务所 ¥5,000.00')
    })
  })
})
