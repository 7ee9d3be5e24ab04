// 人员与账号's org filter offers every org the person manages, found by name on a page of its own
// (the org picker), not the first hundred of a list; the org chosen there filters user.list.

import Taro from '@tarojs/taro'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { handBackOrgFilter } from '../../src/lib/org-filter'
import { routes } from '../../src/lib/routes'
import PeopleListPage from '../../src/package-people/list/index'
import { ADMIN, ids, renderAs } from './admin-fixtures'
import { answerTaro, stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const emptyPage = { data: { items: [], nextCursor: null } }

describe('人员与账号, filtered by org', () => {
  it('chooses the org on the picker page and asks user.list for its people', async () => {
    const { calls } = renderAs(ADMIN, <PeopleListPage />, () => emptyPage)
    const chip = await screen.findByTestId('filter-org')
    expect(chip.textContent).toBe('全部组织 ›')
    const navigateTo = answerTaro('navigateTo', { errMsg: 'navigateTo:ok' })
    await act(async () => fireEvent.click(chip))
    expect(navigateTo).toHaveBeenCalledWith({ url: routes.orgFilter('people') })
    await act(async () => handBackOrgFilter('people', { id: ids.firm, name: '青海某某律师事务所' }))
    await waitFor(() => expect(screen.getByTestId('filter-org').textContent).toBe('青海某某律师事务所'))
    await waitFor(() =>
      expect(
        calls.some((call) => call.path === 'user.list' && (call.input as { orgId?: string }).orgId === ids.firm),
      ).toBe(true),
    )
  })

  it('hears only its own filter: the 主题党日 list’s choice does not change it', async () => {
    renderAs(ADMIN, <PeopleListPage />, () => emptyPage)
    await screen.findByTestId('filter-org')
    await act(async () => Taro.eventCenter.trigger('org-filter:activities', { id: ids.firm, name: '律所' }))
    expect(screen.getByTestId('filter-org').textContent).toBe('全部组织 ›')
  })
})
