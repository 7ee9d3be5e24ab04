// A resident opening one of their needs marks its changes read (todo.markNeedSeen), so it leaves
// their 待办; a failure to mark (offline) leaves the page as it is.
import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import MyNeedDetailPage from '../../src/package-resident/need-detail/index'
import type { ApiAnswer, ApiCall } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const NEED_ID = '0e000000-0000-4000-8000-000000000002'

const NEED = {
  id: NEED_ID,
  version: 2,
  description: '村里路灯坏了',
  status: 'HANDLED_DIRECTLY',
  isOverdue: false,
  household: { id: '0a000000-0000-4000-8000-000000000001', headName: '马德林', code: 'QY-001' },
  category: 'OTHER',
  urgency: 'NORMAL',
  source: 'RESIDENT',
  dueOn: null,
  responsibleUnit: null,
  satisfaction: null,
  nextSteps: [],
  timeline: [],
}

stubTaroEachTest()

const renderPage = (markSeen: ApiAnswer) => {
  route.params = { id: NEED_ID }
  return renderWithQueue(<MyNeedDetailPage />, (call: ApiCall) =>
    call.path === 'resident.myNeedById'
      ? { data: NEED }
      : call.path === 'todo.markNeedSeen'
        ? markSeen
        : { data: null },
  )
}

describe('opening my need', () => {
  it('marks its changes read once it is shown', async () => {
    const { calls } = renderPage({ data: { needId: NEED_ID, seenAt: new Date() } })
    await screen.findByText('村里路灯坏了')
    await waitFor(() => expect(calls.filter((c) => c.path === 'todo.markNeedSeen')).toHaveLength(1))
    expect(calls.find((c) => c.path === 'todo.markNeedSeen')?.input).toEqual({ needId: NEED_ID })
  })

  it('still shows the need when marking fails', async () => {
    const { calls } = renderPage({
      error: { message: '网络不可用', data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, appCode: 'NETWORK' } },
    })
    await waitFor(() => expect(calls.some((c) => c.path === 'todo.markNeedSeen')).toBe(true))
    expect(screen.getByText('村里路灯坏了')).toBeTruthy()
  })
})
