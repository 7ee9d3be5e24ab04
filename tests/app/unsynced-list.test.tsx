// 未同步 in the lists: an activity saved offline shows at the top of 主题党日 at once,
// built from what was queued and marked 未同步 (同步失败 once refused); an existing row with an
// edit still queued is marked too; both go when the queue has sent them.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Transport } from '../../src/lib/offline-queue/types'
import { routes } from '../../src/lib/routes'
import { ActivityList } from '../../src/views/ActivityList'
import { memoryQueue } from './memory-queue'
import { renderInQueue } from './render-with-queue'
import { answerTaro, restoreTaro } from './stub-taro'

// The page hooks usePagedList registers come from Taro's React runtime, absent from its H5 API.
vi.mock('@tarojs/taro', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  usePullDownRefresh: () => {},
  useReachBottom: () => {},
}))
afterEach(restoreTaro)

const OFFLINE = '01940000-0000-7000-8000-0000000000a1'
const LISTED = '01940000-0000-7000-8000-0000000000a2'

const listed = {
  id: LISTED,
  version: 1,
  kind: 'THEMED_PARTY_DAY',
  theme: '服务器上已有的活动',
  heldOn: '2025-02-10',
  status: 'PUBLISHED',
  place: '村委会',
  expectedCount: 10,
  presentCount: 10,
  village: { id: 'v1', name: '前跃村', township: '良教乡', county: '大通县' },
  organiserOrg: { id: 'o1', name: '西宁市司法局机关党支部', shortName: '机关党支部' },
  orgCount: 1,
  totals: { totalFen: 0 },
}

const offlineActivity = {
  id: OFFLINE,
  kind: 'THEMED_PARTY_DAY',
  theme: '没有信号时登记的活动',
  heldOn: '2025-02-20',
  place: '前跃村文化广场',
  organiserOrgId: 'o1',
  participantOrgIds: [],
  expectedCount: 12,
  presentCount: 11,
  absences: [{ name: '刘芳', reason: '病假' }],
  status: 'PUBLISHED',
}

const renderList = (transport: Transport) => {
  const { queue } = memoryQueue({ transport })
  queue.enqueue('activity.create', offlineActivity)
  queue.enqueue('activity.update', { ...listed, theme: '离线时改的主题' })
  renderInQueue(<ActivityList canCreate />, queue, ({ path }) =>
    path === 'activity.list' ? { data: { items: [listed], nextCursor: null } } : { data: [] },
  )
  return queue
}

const rows = () => [...document.querySelectorAll('.section .nut-cell')] as HTMLElement[]

describe('未同步 rows in 主题党日', () => {
  it('an activity saved offline is at the top, marked 未同步; after the sync it is gone', async () => {
    const transport = vi.fn<Transport>().mockResolvedValue({})
    const queue = renderList(transport)
    await screen.findByText('服务器上已有的活动')
    const [offline, existing] = rows()
    expect(offline?.textContent).toContain('没有信号时登记的活动')
    expect(offline?.textContent).toContain('2025-02-20 · 前跃村文化广场 · 实到 11/12')
    expect(within(offline as HTMLElement).getByText('未同步')).toBeTruthy()
    // The listed activity has an edit waiting: marked too.
    expect(within(existing as HTMLElement).getByText('未同步')).toBeTruthy()

    // A tap opens its detail, which the page builds from the queue until the server has it.
    const navigateTo = answerTaro('navigateTo', { errMsg: 'navigateTo:ok' })
    fireEvent.click(screen.getByText('没有信号时登记的活动'))
    expect(navigateTo).toHaveBeenCalledWith({ url: routes.activityDetail(OFFLINE) })

    await act(async () => {
      queue.setOnline(true)
      await queue.sync()
    })
    expect(transport.mock.calls.map(([procedure]) => procedure)).toEqual(['activity.create', 'activity.update'])
    await waitFor(() => expect(screen.queryByText('没有信号时登记的活动')).toBeNull())
    expect(screen.queryByText('未同步')).toBeNull()
    expect(rows()).toHaveLength(1)
  })

  it('a refused one is marked 同步失败', async () => {
    const transport = vi.fn<Transport>().mockRejectedValue(
      Object.assign(new Error('您的账号没有此项操作的权限'), {
        data: { code: 'FORBIDDEN', httpStatus: 403, appCode: 'FORBIDDEN' },
      }),
    )
    const queue = renderList(transport)
    await screen.findByText('服务器上已有的活动')
    await act(async () => {
      queue.setOnline(true)
      await queue.sync()
    })
    const [offline, existing] = rows()
    expect(within(offline as HTMLElement).getByText('同步失败')).toBeTruthy()
    expect(within(existing as HTMLElement).getByText('同步失败')).toBeTruthy()
  })
})
