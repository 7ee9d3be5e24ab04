// A new household's form asks for each member's 健康状况 on the first save, with every other
// missing field: the form checks the shared schema, which requires it (docs/domain.md).
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import HouseholdFormPage from '../../src/package-household/form/index'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

describe('困难户 form, a new household', () => {
  it('asks for the 户主’s 健康状况 on the first save, and sends nothing', async () => {
    const { container, sent, stored } = renderWithQueue(<HouseholdFormPage />, () => ({ data: null }))
    await waitFor(() => expect(container.querySelector('taro-input-core[name="code"]')).toBeTruthy())
    await act(() => fireEvent.click(screen.getByText('保存')))
    await waitFor(() => expect(screen.getByText('请填写户编号')).toBeTruthy())
    expect(screen.getByText('请选择健康状况')).toBeTruthy()
    expect(sent).toEqual([])
    expect(stored().items).toEqual([])
  })
})
