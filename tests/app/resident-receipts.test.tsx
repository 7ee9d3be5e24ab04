// 发放签收 in WeChat: the resident sees what the household received and answers 确认收到, or
// 有异议 with what is wrong; offline, the answer is kept on the phone until it syncs.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { actionLabel } from '../../src/lib/offline-queue/labels'
import { QUEUED_TOAST } from '../../src/lib/offline-queue/use-queued-mutation'
import MyReceiptsPage from '../../src/package-resident/handovers/index'
import { handover } from './handover-fixtures'
import { type ApiCall, typeInto } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const HANDOVER_ID = '0f000000-0000-4000-8000-0000000000a1'

const RECEIPT = handover({ id: HANDOVER_ID, activityId: null, handedOverBy: null })

const respond = (call: ApiCall) => (call.path === 'handover.mine' ? { data: [RECEIPT] } : { data: null })

const taro = stubTaroEachTest()

describe('发放签收', () => {
  it('shows what was received and keeps 确认收到 offline until it syncs', async () => {
    const { sent, stored } = renderWithQueue(<MyReceiptsPage />, respond, { isOnline: false })
    expect(await screen.findByText('大米 1袋、慰问金 ¥500.00')).toBeTruthy()
    expect(screen.getByText('待签收')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByText('确认收到')))
    await waitFor(() => expect(taro.toasts()).toContain(QUEUED_TOAST))
    expect(sent.filter((c) => c.path === 'handover.confirm')).toEqual([])
    const [item] = stored().items
    expect(item).toMatchObject({ procedure: 'handover.confirm', input: { id: HANDOVER_ID, answer: 'RECEIVED' } })
    if (item) expect(actionLabel(item)).toBe('发放签收')
  })

  it('asks what is wrong before sending 有异议', async () => {
    const { container, stored } = renderWithQueue(<MyReceiptsPage />, respond, { isOnline: false })
    fireEvent.click(await screen.findByText('有异议'))
    await act(async () => fireEvent.click(screen.getByText('提交异议')))
    expect(await screen.findByText('请说明哪里不对，如数量不符、没有收到')).toBeTruthy()
    expect(stored().items).toEqual([])
    act(() => typeInto(container, 'note', '只收到一袋面'))
    await act(async () => fireEvent.click(screen.getByText('提交异议')))
    await waitFor(() => expect(stored().items).toHaveLength(1))
    expect(stored().items[0]).toMatchObject({ input: { answer: 'DISPUTED', note: '只收到一袋面' } })
  })
})
