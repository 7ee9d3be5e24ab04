// 所在村 as people choose it: a cadre's few villages in a plain select; an administrator's 2,000 by
// typing part of a name or the start of a 行政区划代码, paged, none out of reach.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { VILLAGES_IN_A_SELECT, VillageSelect } from '../../src/components/VillageSelect'
import { renderWithApi, typeInto } from './render-with-api'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const village = (i: number) => ({
  id: `0d000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name: i === 1999 ? '前跃村' : `第${i + 1}村`,
  township: i === 1999 ? '良教乡' : `第${Math.floor(i / 20) + 1}乡`,
  county: i === 1999 ? '大通回族土族自治县' : '某县',
  adminCode: `630121${String(i + 1).padStart(6, '0')}`,
  orgPairs: [],
})

const Field = () => {
  const [value, setValue] = useState<string | null>(null)
  return (
    <>
      <VillageSelect value={value} onChange={setValue} testId="villageId" />
      <div data-testid="form-value">{value}</div>
    </>
  )
}

const renderWith = (count: number) =>
  renderWithApi(<Field />, (call) => ({
    data: call.path === 'village.list' ? Array.from({ length: count }, (_, i) => village(i)) : null,
  }))

describe('所在村', () => {
  it('is a select while the person has a few villages', async () => {
    const { container } = renderWith(VILLAGES_IN_A_SELECT)
    await waitFor(() =>
      expect(container.querySelectorAll('[data-testid="villageId"] option').length).toBe(VILLAGES_IN_A_SELECT + 1),
    )
  })

  it('finds any of 2,000 villages by part of its name, and pages the rest', async () => {
    const { container } = renderWith(2000)
    await waitFor(() => expect(screen.getByTestId('villageId-open')).toBeTruthy())
    await act(() => fireEvent.click(screen.getByTestId('villageId-open')))
    expect(screen.getByTestId('villageId').textContent).toContain('共 2000 个村')
    typeInto(container, 'villageId-search', '前跃')
    await waitFor(() => expect(screen.getAllByTestId('villageId-option').length).toBe(1))
    await act(() => fireEvent.click(screen.getAllByTestId('villageId-option')[0] as HTMLElement))
    expect(screen.getByTestId('form-value').textContent).toBe(village(1999).id)
    expect(screen.getByTestId('villageId-open').textContent).toContain('良教乡前跃村')
  })

  it('takes the start of a 行政区划代码', async () => {
    const { container } = renderWith(2000)
    await waitFor(() => expect(screen.getByTestId('villageId-open')).toBeTruthy())
    await act(() => fireEvent.click(screen.getByTestId('villageId-open')))
    typeInto(container, 'villageId-search', '63012100002')
    await waitFor(() => expect(screen.getAllByTestId('villageId-option').length).toBe(10))
  })
})
