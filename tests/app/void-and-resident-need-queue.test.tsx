// The other record writes on the offline queue, offline: 作废捐赠 is kept as 已保存，待同步
// and the donation page stops offering it again; a resident's 提交诉求 is kept with a client-made
// id (resident.submitNeed takes one) and named by its category, never by what the resident wrote.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { actionLabel, itemSummary } from '../../src/lib/offline-queue/labels'
import { QUEUED_TOAST } from '../../src/lib/offline-queue/use-queued-mutation'
import DonationDetailPage from '../../src/package-donation/detail/index'
import SubmitNeedPage from '../../src/package-resident/submit-need/index'
import { UUID } from './memory-queue'
import type { ApiCall } from './render-with-api'
import { typeInto } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const DONATION_ID = '0f000000-0000-4000-8000-000000000001'

const DONATION = {
  id: DONATION_ID,
  version: 1,
  donorName: '爱心人士',
  kind: 'CASH',
  amountFen: 50_000,
  goods: [],
  recipientKind: 'VILLAGE',
  village: { id: '0d000000-0000-4000-8000-000000000001', name: '前跃村' },
  household: null,
  cadre: null,
  activity: null,
  receivedOn: '2025-02-20',
  note: null,
  isVoided: false,
  voidReason: null,
  voidedAt: null,
  canEdit: true,
}

/** No signal: the server's answer never comes (as a request that could not be sent fails). */
const NO_ANSWER = {
  message: '网络不可用',
  data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 503, appCode: 'SERVICE_UNAVAILABLE', zodError: null },
}

const taro = stubTaroEachTest()

describe('作废捐赠 and 提交诉求, offline', () => {
  it('keeps 作废 as 已保存，待同步 and does not offer it again meanwhile', async () => {
    route.params = { id: DONATION_ID }
    const { container, sent, stored } = renderWithQueue(
      <DonationDetailPage />,
      (call: ApiCall) => {
        if (call.path === 'donation.byId') return { data: DONATION }
        // What was handed over from it is not known on the phone: its section stays away.
        if (call.path === 'donation.reconciliation') return { error: NO_ANSWER }
        return { data: null }
      },
      { isOnline: false },
    )
    fireEvent.click(await screen.findByText('作废这笔捐赠'))
    act(() => typeInto(container, 'reason', '重复登记'))
    await act(async () => fireEvent.click(screen.getByText('确认作废')))
    await waitFor(() => expect(taro.toasts()).toContain(QUEUED_TOAST))
    expect(sent).toEqual([])
    expect(screen.getByTestId('queued-void').textContent).toBe('作废已保存，待同步')
    expect(screen.queryByText('作废这笔捐赠')).toBeNull()
    const [item] = stored().items
    expect(item).toMatchObject({
      procedure: 'donation.void',
      input: { id: DONATION_ID, version: 1, reason: '重复登记' },
    })
    if (!item) return
    expect(actionLabel(item)).toBe('作废捐赠')
    expect(itemSummary(item)).toBe('原因：重复登记')
  })

  it('keeps a resident’s need with a client-made id, named by its category only', async () => {
    const { container, sent, stored } = renderWithQueue(<SubmitNeedPage />, () => ({ data: null }), {
      isOnline: false,
    })
    const category = (await screen.findByTestId('category')).querySelector('select') as HTMLSelectElement
    act(() => {
      fireEvent.change(category, { target: { value: 'CORRECTION' } })
      typeInto(container, 'description', '户主电话已换号，新号码是13800000002')
    })
    await act(async () => fireEvent.click(screen.getByText('提交')))
    await waitFor(() => expect(taro.toasts()).toContain(QUEUED_TOAST))
    expect(taro.navigateBack).toHaveBeenCalledOnce()
    expect(sent).toEqual([])
    const [item] = stored().items
    expect(item).toMatchObject({ procedure: 'resident.submitNeed', input: { category: 'CORRECTION' } })
    expect(item?.input.id).toMatch(UUID)
    if (!item) return
    expect(actionLabel(item)).toBe('提交诉求')
    expect(itemSummary(item)).toBe('信息更正')
  })
})
