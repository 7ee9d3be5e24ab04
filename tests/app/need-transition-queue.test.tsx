// 诉求 workflow steps through the offline queue: online, 办结 goes out as need.transition
// with the need's version and a clientMutationId and the page shows the server's answer; offline,
// the step is kept as 已保存，待同步, the page says so instead of offering the next steps, and the
// 待同步 page names it 诉求流转 · 办结.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { actionLabel, itemSummary } from '../../src/lib/offline-queue/labels'
import { QUEUED_TOAST } from '../../src/lib/offline-queue/use-queued-mutation'
import NeedDetailPage from '../../src/package-need/detail/index'
import { UUID } from './memory-queue'
import type { ApiAnswer, ApiCall } from './render-with-api'
import { typeInto } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const NEED_ID = '0e000000-0000-4000-8000-000000000001'

const NEED = {
  id: NEED_ID,
  version: 2,
  description: '屋顶漏雨，需要维修',
  status: 'IN_PROGRESS',
  isOverdue: false,
  household: { id: '0a000000-0000-4000-8000-000000000001', headName: '韩永福', code: 'QY-003' },
  category: 'HOUSING',
  urgency: 'NORMAL',
  source: 'CADRE',
  dueOn: null,
  responsibleUnit: null,
  satisfaction: null,
  nextSteps: [{ to: 'RESOLVED', action: '办结', requires: ['note'] }],
  timeline: [],
}
const RESOLVED = { ...NEED, version: 3, status: 'RESOLVED', nextSteps: [] }

const taro = stubTaroEachTest()
beforeEach(() => {
  route.params = { id: NEED_ID }
})

const answer = (call: ApiCall): ApiAnswer =>
  call.path === 'need.byId' ? { data: NEED } : call.path === 'need.transition' ? { data: RESOLVED } : { data: null }

/** Opens 办结, writes the 办理说明 and confirms. */
const resolve = async (container: HTMLElement) => {
  fireEvent.click(await screen.findByText('办结'))
  await waitFor(() => expect(container.querySelector('taro-textarea-core[name="note"]')).toBeTruthy())
  act(() => typeInto(container, 'note', '已联系施工队修好屋顶'))
  await act(async () => fireEvent.click(screen.getByText('确认办结')))
}

describe('诉求流转, through the offline queue', () => {
  it('sends need.transition with the version and a clientMutationId, and shows the server’s answer', async () => {
    const { container, sent, stored } = renderWithQueue(<NeedDetailPage />, answer)
    await resolve(container)
    await waitFor(() => expect(taro.toasts()).toContain('已办结'))
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      path: 'need.transition',
      input: { id: NEED_ID, version: 2, to: 'RESOLVED', note: '已联系施工队修好屋顶' },
    })
    expect(sent[0]?.input).toMatchObject({ clientMutationId: expect.stringMatching(UUID) })
    expect(stored().items).toEqual([])
    // The page now shows the need as the server answered: no step left to take.
    await waitFor(() => expect(screen.queryByText('办结')).toBeNull())
    expect(screen.queryByTestId('queued-step')).toBeNull()
  })

  it('offline, keeps the step as 已保存，待同步 and shows it pending instead of the next steps', async () => {
    const { container, sent, stored, queue } = renderWithQueue(<NeedDetailPage />, answer, { isOnline: false })
    await resolve(container)
    await waitFor(() => expect(taro.toasts()).toContain(QUEUED_TOAST))
    expect(sent).toEqual([])
    expect(await screen.findByTestId('queued-step')).toHaveProperty('textContent', '「办结」已保存，待同步')
    expect(screen.queryByText('确认办结')).toBeNull()
    expect(screen.queryByText('办结')).toBeNull()

    const [item] = stored().items
    expect(item).toMatchObject({
      procedure: 'need.transition',
      state: 'pending',
      input: { id: NEED_ID, version: 2, to: 'RESOLVED', note: '已联系施工队修好屋顶' },
    })
    // A step is no create: it carries the need's own id and no other.
    expect(Object.keys(item?.input ?? {}).sort()).toEqual(['id', 'note', 'to', 'version'])
    if (!item) return
    expect(actionLabel(item)).toBe('诉求流转')
    expect(itemSummary(item)).toBe('办结')

    // Back online, the step goes out and the pending line goes away with it.
    await act(async () => {
      queue.setOnline(true)
      await queue.sync()
    })
    expect(sent.map((call) => call.path)).toEqual(['need.transition'])
    await waitFor(() => expect(screen.queryByTestId('queued-step')).toBeNull())
  })

  it('a refusal of the first attempt shows beside its field, on the form still open', async () => {
    const refusal = (call: ApiCall): ApiAnswer =>
      call.path === 'need.transition'
        ? {
            error: {
              message: '请填写办理说明',
              data: {
                code: 'BAD_REQUEST',
                httpStatus: 400,
                appCode: 'VALIDATION_FAILED',
                zodError: { formErrors: [], fieldErrors: { note: ['请填写办理说明'] } },
              },
            },
          }
        : answer(call)
    // The answer takes a moment: the item is in the queue, pending, while the form waits for it.
    const { container, stored } = renderWithQueue(<NeedDetailPage />, refusal, { latencyMs: 100 })
    await resolve(container)
    expect(await screen.findByText('请填写办理说明')).toBeTruthy()
    expect(screen.getByText('确认办结')).toBeTruthy()
    expect(screen.queryByTestId('queued-step')).toBeNull()
    expect(stored().items).toEqual([])
  })
})
