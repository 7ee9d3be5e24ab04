// 登记走访 for a cadre who works in one village: 所在村 is chosen from the start (one tap fewer);
// with several villages the person chooses.
import { waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import VisitFormPage from '../../src/package-visit/form/index'
import type { ApiCall } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const QIANYUE = { id: '0d000000-0000-4000-8000-000000000001', name: '前跃村', township: '良教乡' }
const SHANGTAN = { id: '0d000000-0000-4000-8000-000000000002', name: '上滩村', township: '良教乡' }

const villageChosen = (container: HTMLElement) =>
  container.querySelector<HTMLSelectElement>('[data-testid="villageId"] select')?.value

const answering = (villages: (typeof QIANYUE)[]) => (call: ApiCall) => ({
  data: call.path === 'village.list' ? villages : { items: [], nextCursor: null },
})

describe('登记走访’s 所在村', () => {
  it('is the cadre’s village when there is only one', async () => {
    const { container } = renderWithQueue(<VisitFormPage />, answering([QIANYUE]))
    await waitFor(() => expect(villageChosen(container)).toBe(QIANYUE.id))
  })

  it('is left to choose among several', async () => {
    const { container } = renderWithQueue(<VisitFormPage />, answering([QIANYUE, SHANGTAN]))
    await waitFor(() => expect(container.querySelectorAll('[data-testid="villageId"] option').length).toBe(3))
    expect(villageChosen(container)).toBe('')
  })
})
