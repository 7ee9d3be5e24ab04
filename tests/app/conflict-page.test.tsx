// 处理冲突: an edit made offline met a newer version on the server. The page shows
// each differing field both ways, lets the person pick per field (theirs by default), and saves
// the merge, at the server's version, back into the queue; or gives the edit up after asking.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RouterOutputs } from '../../src/lib/api-types'
import type { QueueItem } from '../../src/lib/offline-queue/types'
import { routes } from '../../src/lib/routes'
import { ConflictView } from '../../src/package-sync/conflict/conflict-view'
import { SyncQueueView } from '../../src/package-sync/index/sync-queue-view'
import { memoryQueue } from './memory-queue'
import type { ApiCall } from './render-with-api'
import { renderInQueue } from './render-with-queue'
import { answerModal, answerTaro, stubTaroEachTest } from './stub-taro'

const { navigateBack } = stubTaroEachTest()

const ACTIVITY = '01940000-0000-7000-8000-00000000000a'
const BRANCH = '01940000-0000-7000-8000-0000000000b1'
const LAW_FIRM = '01940000-0000-7000-8000-0000000000b2'

const mine = {
  id: ACTIVITY,
  version: 1,
  kind: 'THEMED_PARTY_DAY',
  theme: '我离线时改的主题',
  heldOn: '2025-02-20',
  villageId: null,
  place: '我改的地点',
  organiserOrgId: BRANCH,
  participantOrgIds: [LAW_FIRM],
  expectedCount: 10,
  presentCount: 9,
  absences: [{ name: '刘芳', reason: '病假' }],
  summary: null,
  status: 'PUBLISHED',
}

const conflicted: QueueItem = {
  id: 'conflicted-edit',
  clientMutationId: 'e0000000-0000-4000-8000-000000000001',
  procedure: 'activity.update',
  input: mine,
  createdAt: Date.parse('2025-02-20T02:00:00Z'),
  attempts: 1,
  nextAttemptAt: 0,
  state: 'failed',
  error: { code: 'VERSION_CONFLICT', message: '这条记录刚被其他人修改过，请刷新后核对再保存' },
}

// The server's record: someone else changed the theme, the place and an absentee's reason.
const onServer = {
  id: ACTIVITY,
  version: 2,
  kind: 'THEMED_PARTY_DAY',
  theme: '别人改的主题',
  heldOn: '2025-02-20',
  status: 'PUBLISHED',
  place: '村委会会议室',
  expectedCount: 10,
  presentCount: 9,
  summary: '',
  village: null,
  organiserOrg: { id: BRANCH, name: '西宁市司法局机关党支部', shortName: '机关党支部' },
  orgs: [
    { id: BRANCH, name: '西宁市司法局机关党支部', shortName: '机关党支部', kind: 'BRANCH' },
    { id: LAW_FIRM, name: '青海昆仑律师事务所党支部', shortName: null, kind: 'BRANCH' },
  ],
  absences: [{ name: '刘芳', reason: '外出培训' }],
} as unknown as RouterOutputs['activity']['byId']

const renderPage = (items: QueueItem[] = [conflicted], page = <ConflictView itemId="conflicted-edit" />) => {
  // Offline: the merge waits in the queue, where the test reads it.
  const { queue, stored } = memoryQueue({ items })
  const rendered = renderInQueue(page, queue, (call: ApiCall) =>
    call.path === 'activity.byId' ? { data: onServer } : { data: null },
  )
  return { queue, stored, calls: rendered.calls }
}

const field = (key: string) => {
  const row = screen.getAllByTestId('conflict-field').find((el) => el.getAttribute('data-field') === key)
  if (!row) throw new Error(`no conflict field ${key}`)
  return row
}

describe('处理冲突', () => {
  it('shows both versions of each field that differs, readably, and only those', async () => {
    const { calls } = renderPage()
    expect(await screen.findByText('有 3 项不同')).toBeTruthy()
    expect(calls.map((c) => [c.path, c.input])).toEqual([['activity.byId', { id: ACTIVITY }]])
    expect(screen.getAllByTestId('conflict-field').map((el) => el.getAttribute('data-field'))).toEqual([
      'theme',
      'place',
      'absences',
    ])
    const theme = within(field('theme'))
    expect(theme.getByText('活动主题')).toBeTruthy()
    expect(theme.getByTestId('choose-mine').textContent).toBe('我的修改 · 已选我离线时改的主题')
    expect(theme.getByTestId('choose-server').textContent).toBe('服务器上的版本别人改的主题')
    expect(within(field('absences')).getByTestId('choose-server').textContent).toContain('刘芳：外出培训')
    expect(screen.getByText('缺席人员及原因')).toBeTruthy()
  })

  it('saves the merge: the server’s value where chosen, mine elsewhere, at the server’s version', async () => {
    const { queue, stored } = renderPage()
    await screen.findByText('有 3 项不同')
    fireEvent.click(within(field('place')).getByTestId('choose-server'))
    expect(within(field('place')).getByTestId('choose-server').textContent).toContain('已选')
    fireEvent.click(screen.getByText('保存合并结果'))

    await waitFor(() => expect(stored().items[0]?.state).toBe('pending'))
    const [item] = queue.getSnapshot().items
    expect(item?.input).toEqual({ ...mine, version: 2, place: '村委会会议室' })
    expect(item?.id).toBe('conflicted-edit')
    expect(item?.clientMutationId).not.toBe(conflicted.clientMutationId)
    expect(item?.error).toBeUndefined()
    await waitFor(() => expect(navigateBack).toHaveBeenCalledOnce())
  })

  it('全部用服务器的 takes every differing field from the server', async () => {
    const { stored } = renderPage()
    await screen.findByText('有 3 项不同')
    fireEvent.click(screen.getByText('全部用服务器的'))
    fireEvent.click(screen.getByText('保存合并结果'))
    await waitFor(() => expect(stored().items[0]?.state).toBe('pending'))
    expect(stored().items[0]?.input).toEqual({
      ...mine,
      version: 2,
      theme: '别人改的主题',
      place: '村委会会议室',
      absences: [{ name: '刘芳', reason: '外出培训' }],
    })
  })

  it('放弃我的修改 asks first; declined, the edit stays; confirmed, it is gone', async () => {
    const { stored } = renderPage()
    await screen.findByText('有 3 项不同')
    const declined = answerModal(false)
    fireEvent.click(screen.getByText('放弃我的修改'))
    await waitFor(() => expect(declined).toHaveBeenCalledOnce())
    expect(stored().items).toHaveLength(1)
    answerModal(true)
    fireEvent.click(screen.getByText('放弃我的修改'))
    await waitFor(() => expect(stored().items).toHaveLength(0))
    expect(navigateBack).toHaveBeenCalledOnce()
  })

  it('an item already dealt with shows so, and loads nothing', async () => {
    const { calls } = renderPage([])
    expect(await screen.findByText(/这条修改已处理/)).toBeTruthy()
    expect(calls).toEqual([])
  })

  it('待同步 offers 处理冲突 instead of 重试 for a conflicting edit, and opens this page', async () => {
    const refused: QueueItem = { ...conflicted, id: 'refused', error: { code: 'FORBIDDEN', message: '无权限' } }
    renderPage([conflicted, refused], <SyncQueueView />)
    const [conflict, other] = await screen.findAllByTestId('sync-item')
    expect(within(conflict as HTMLElement).queryByText('重试')).toBeNull()
    expect(within(other as HTMLElement).getByText('重试')).toBeTruthy()
    const navigateTo = answerTaro('navigateTo', { errMsg: 'navigateTo:ok' })
    fireEvent.click(within(conflict as HTMLElement).getByText('处理冲突'))
    expect(navigateTo).toHaveBeenCalledWith({ url: routes.syncConflict('conflicted-edit') })
    expect(routes.syncConflict('conflicted-edit')).toBe('/package-sync/conflict/index?id=conflicted-edit')
  })
})
