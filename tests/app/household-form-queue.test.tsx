// 困难户 form through the offline queue: a save goes out with its clientMutationId,
// offline it is kept as 已保存，待同步 under a name the 待同步 page can show (户主 and 户编号, never the
// ID number), and the server's refusal of the first attempt still lands beside the fields.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { actionLabel, itemSummary } from '../../src/lib/offline-queue/labels'
import { QUEUED_TOAST } from '../../src/lib/offline-queue/use-queued-mutation'
import HouseholdFormPage from '../../src/package-household/form/index'
import { UUID } from './memory-queue'
import type { ApiAnswer, ApiCall } from './render-with-api'
import { typeInto } from './render-with-api'
import { ME, renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const HOUSEHOLD_ID = '0a000000-0000-4000-8000-000000000001'

const HOUSEHOLD = {
  id: HOUSEHOLD_ID,
  version: 3,
  code: 'QY-003',
  headName: '韩永福',
  idNumberMasked: '6301**********1234',
  phoneMasked: null,
  groupName: '二社',
  householdType: 'POVERTY_ALLEVIATED',
  category: 'MARGINAL',
  incomePerCapitaFen: 800_000,
  helpMeasures: [],
  monitoringStartedOn: '2024-06-01',
  notes: null,
  village: ME.villages[0],
  responsibleUser: null,
  members: [
    {
      id: '0b000000-0000-4000-8000-000000000001',
      name: '韩永福',
      relationship: 'HEAD',
      idNumberMasked: '6301**********1234',
      health: { status: 'HEALTHY', detail: null },
      laborCapacity: 'ABLE',
      schoolStatus: 'NOT_IN_SCHOOL',
      workInfo: null,
    },
  ],
  risks: [],
}

const taro = stubTaroEachTest()

/** The household's record for the edit form; `save` answers household.update. */
const editing = (save: (call: ApiCall) => ApiAnswer) => (call: ApiCall) =>
  call.path === 'household.byId' ? { data: HOUSEHOLD } : call.path === 'household.update' ? save(call) : { data: null }

const tapSave = () => act(() => fireEvent.click(screen.getByText('保存')))
/** The edit form has been filled from the loaded record. */
const loaded = (container: HTMLElement) =>
  waitFor(() => expect(container.querySelector('taro-input-core[name="code"]')?.getAttribute('value')).toBe('QY-003'))

describe('困难户 form, through the offline queue', () => {
  it('sends household.update with the loaded version and a clientMutationId, then opens the household', async () => {
    route.params = { id: HOUSEHOLD_ID }
    const { container, sent, stored } = renderWithQueue(
      <HouseholdFormPage />,
      editing(() => ({ data: { ...HOUSEHOLD, version: 4 } })),
    )
    await loaded(container)
    await tapSave()
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledOnce())
    expect(taro.redirectTo.mock.calls[0]?.[0].url).toContain(HOUSEHOLD_ID)
    expect(taro.toasts()).toContain('已保存')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      path: 'household.update',
      input: { id: HOUSEHOLD_ID, version: 3, code: 'QY-003', headName: '韩永福', clientMutationId: expect.any(String) },
    })
    expect(sent[0]?.input).toMatchObject({ clientMutationId: expect.stringMatching(UUID) })
    expect(stored().items).toEqual([])
  })

  it('offline, keeps a new household as 已保存，待同步, with a client-made id and a name without the ID number', async () => {
    const { container, sent, stored } = renderWithQueue(<HouseholdFormPage />, () => ({ data: null }), {
      isOnline: false,
    })
    await waitFor(() => expect(container.querySelector('taro-input-core[name="code"]')).toBeTruthy())
    act(() => {
      typeInto(container, 'code', 'QY-009')
      typeInto(container, 'headName', '马秀英')
      typeInto(container, 'idNumber', '11010519491231002X')
    })
    const category = screen.getByTestId('category').querySelector('select') as HTMLSelectElement
    act(() => {
      fireEvent.change(category, { target: { value: 'DIBAO' } })
    })
    // The form starts with an empty 户主 row; this test records the household alone.
    act(() => {
      fireEvent.click(screen.getByText('删除这位成员'))
    })
    await tapSave()
    await waitFor(() => expect(taro.toasts()).toContain(QUEUED_TOAST))
    expect(taro.navigateBack).toHaveBeenCalledOnce()
    expect(taro.redirectTo).not.toHaveBeenCalled()
    expect(sent).toEqual([])
    const [item] = stored().items
    expect(item).toMatchObject({
      procedure: 'household.create',
      state: 'pending',
      input: { code: 'QY-009', headName: '马秀英', villageId: ME.villages[0]?.id, category: 'DIBAO' },
    })
    expect(item?.clientMutationId).toMatch(UUID)
    expect(item?.input.id).toMatch(UUID)
    expect(item?.input).not.toHaveProperty('clientMutationId')
    if (!item) return
    expect(actionLabel(item)).toBe('新建困难户')
    expect(itemSummary(item)).toBe('马秀英（QY-009）')
    expect(itemSummary(item)).not.toContain('1101')
  })

  it('shows the server’s refusal of the first attempt beside its field, and keeps it out of 待同步', async () => {
    route.params = { id: HOUSEHOLD_ID }
    const { container, sent, stored } = renderWithQueue(
      <HouseholdFormPage />,
      editing(() => ({
        error: {
          message: '户编号已被使用',
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            appCode: 'VALIDATION_FAILED',
            zodError: { formErrors: [], fieldErrors: { code: ['该户编号已被本村其他户使用'] } },
          },
        },
      })),
    )
    await loaded(container)
    await tapSave()
    await waitFor(() => expect(screen.getByText('该户编号已被本村其他户使用')).toBeTruthy())
    expect(sent.map((call) => call.path)).toEqual(['household.update'])
    expect(stored().items).toEqual([])
    expect(taro.redirectTo).not.toHaveBeenCalled()
    expect(taro.navigateBack).not.toHaveBeenCalled()
  })
})
