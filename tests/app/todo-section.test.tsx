// 待办 on the 工作台: the server's items, most urgent first as listed, each opening its record;
// the records still queued on this phone as one more item; and the 工作台 tab's badge counting them all.

import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TTodoList } from '../../common/contracts/todo/list-todos'
import { TodoSection } from '../../src/components/TodoSection'
import type { Transport } from '../../src/lib/offline-queue/types'
import { routes } from '../../src/lib/routes'
import { memoryQueue } from './memory-queue'
import { renderInQueue } from './render-with-queue'
import { answerTaro, restoreTaro } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const NEED = '01940000-0000-7000-8000-0000000000b1'
const HOUSEHOLD = '01940000-0000-7000-8000-0000000000b2'

const list: TTodoList = {
  total: 3,
  items: [
    {
      key: `NEED_DUE:${NEED}`,
      kind: 'NEED_DUE',
      title: '诉求已逾期：马德林',
      detail: '院墙倒塌需要修复 · 已逾期 2 天',
      dueOn: '2025-02-01',
      isOverdue: true,
      target: { page: 'needDetail', id: NEED },
    },
    {
      key: `HOUSEHOLD_VISIT_DUE:${HOUSEHOLD}`,
      kind: 'HOUSEHOLD_VISIT_DUE',
      title: '该走访了：马德林',
      detail: '监测对象 · 上次走访 2025-01-05 · 还有 2 天到期',
      dueOn: '2025-02-04',
      isOverdue: false,
      target: { page: 'householdDetail', id: HOUSEHOLD },
    },
  ],
}

const badge = vi.fn().mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
const noBadge = vi.fn().mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' })
Object.defineProperty(Taro, 'setTabBarBadge', { value: badge, configurable: true, writable: true })
Object.defineProperty(Taro, 'removeTabBarBadge', { value: noBadge, configurable: true, writable: true })

afterEach(() => {
  restoreTaro()
  badge.mockClear()
  noBadge.mockClear()
})

const renderSection = (answer: TTodoList, queued = 0) => {
  const { queue } = memoryQueue({ transport: vi.fn<Transport>().mockResolvedValue({}) })
  for (let i = 0; i < queued; i++) queue.enqueue('need.create', { id: `01940000-0000-7000-8000-00000000000${i}` })
  return renderInQueue(<TodoSection />, queue, ({ path }) => (path === 'todo.list' ? { data: answer } : { data: null }))
}

describe('待办 on the 工作台', () => {
  it('lists the items as the server ranks them, each opening its record', async () => {
    const { calls } = renderSection(list)
    await screen.findByText('诉求已逾期：马德林')
    const titles = [...document.querySelectorAll('.nut-cell-title')].map((el) => el.textContent)
    expect(titles).toEqual(['诉求已逾期：马德林', '该走访了：马德林'])
    expect(screen.getByText('已逾期')).toBeTruthy()
    expect(calls.find((c) => c.path === 'todo.list')?.input).toEqual({ limit: 20 })

    const navigateTo = answerTaro('navigateTo', { errMsg: 'navigateTo:ok' })
    fireEvent.click(screen.getByText('诉求已逾期：马德林'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: routes.needDetail(NEED) })
    fireEvent.click(screen.getByText('该走访了：马德林'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: routes.householdDetail(HOUSEHOLD) })
    // The server counts more than it lists: the badge shows them all.
    await waitFor(() => expect(badge).toHaveBeenLastCalledWith({ index: 0, text: '3' }))
  })

  it('adds the records waiting on this phone, which open 待同步, to the list and the badge', async () => {
    renderSection(list, 2)
    const queued = await screen.findByText('2 条记录还没有同步到服务器')
    await waitFor(() => expect(badge).toHaveBeenLastCalledWith({ index: 0, text: '4' }))
    const navigateTo = answerTaro('navigateTo', { errMsg: 'navigateTo:ok' })
    fireEvent.click(queued)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: routes.sync })
  })

  it('says there is nothing to do, and takes the badge away', async () => {
    renderSection({ items: [], total: 0 })
    await screen.findByText('暂无待办')
    await waitFor(() => expect(noBadge).toHaveBeenCalledWith({ index: 0 }))
    expect(badge).not.toHaveBeenCalled()
  })
})
