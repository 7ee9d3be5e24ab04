// The pickers as a person uses them: a village of 900 households, found by typing part of a name
// and paged as the list is scrolled; the choice shown with its 户编号 and 所在组; the recent choice
// offered first next time; with no signal, the village's copy kept on the phone, and a plain word
// when there is none; any org found by part of its name, several at once.
import { onlineManager } from '@tanstack/react-query'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { createTRPCClient, type TRPCLink } from '@trpc/client'
import { observable } from '@trpc/server/observable'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppRouter } from '../../server/routers/app-router'
import { HouseholdPicker } from '../../src/components/HouseholdPicker'
import { OrgPicker } from '../../src/components/OrgPicker'
import { markVillageOpened } from '../../src/lib/pickers/offline-copies'
import { MAX_VILLAGES, refreshVillageCopy, villagesToKeep } from '../../src/lib/pickers/refresh-copies'
import { saveSession } from '../../src/lib/session'
import { OfflineCopiesSection } from '../../src/package-sync/index/offline-copies-section'
import { type ApiAnswer, type ApiCall, renderWithApi, typeInto } from './render-with-api'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const VILLAGE = '0d000000-0000-4000-8000-000000000001'
const GROUPS = ['一社', '二社', '三社', '四社', '五社', '六社', '七社', '八社']
const GIVEN = ['秀英', '建国', '春燕', '桂兰', '德林', '永福', '玉珍', '海燕', '志强']

/** 900 households, three of them 王秀英 (户编号 tells them apart); the 850th is 星林建 of 八社. */
const HOUSEHOLDS = Array.from({ length: 900 }, (_, i) => ({
  id: `0a000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  code: `QY-${String(i + 1).padStart(4, '0')}`,
  headName: i === 849 ? '星林建' : i % 300 === 7 ? '王秀英' : `${'马李韩张'[i % 4]}${GIVEN[i % GIVEN.length]}`,
  groupName: GROUPS[i % GROUPS.length] as string,
  category: 'MARGINAL' as const,
  village: { id: VILLAGE, name: '前跃村' },
}))

/** household.search as the server answers it: contains, 户编号 order, cursor pages. */
const searchAnswer = (input: { search?: string; cursor?: string | null; limit: number }) => {
  const text = (input.search ?? '').toLowerCase()
  const found = HOUSEHOLDS.filter(
    (h) => !text || [h.headName, h.code, h.groupName].some((f) => f.toLowerCase().includes(text)),
  )
  const start = input.cursor ? found.findIndex((h) => h.id === input.cursor) + 1 : 0
  const items = found.slice(start, start + input.limit)
  return { items, nextCursor: start + input.limit < found.length ? (items.at(-1)?.id ?? null) : null }
}

const LAW_FIRMS = Array.from({ length: 7 }, (_, i) => ({
  id: `0e000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name: `青海第${i + 1}律师事务所党支部`,
  shortName: null,
  kind: 'BRANCH' as const,
  parentId: null,
  parentName: '中共青海省律师行业委员会',
  canOrganise: false,
}))

const api = (call: ApiCall): ApiAnswer => {
  if (call.path === 'household.search') return { data: searchAnswer(call.input as never) }
  if (call.path === 'household.roster')
    return { data: { villageId: VILLAGE, stamp: '900@1', households: HOUSEHOLDS.map(({ village, ...h }) => h) } }
  if (call.path === 'village.list') return { data: [{ id: VILLAGE, name: '前跃村', township: '良教乡' }] }
  if (call.path === 'org.list') {
    const { search = '' } = call.input as { search?: string }
    return { data: { items: LAW_FIRMS.filter((o) => o.name.includes(search)), nextCursor: null } }
  }
  return { data: null }
}

const HouseholdField = () => {
  const [value, setValue] = useState<string | null>(null)
  return (
    <>
      <HouseholdPicker villageId={VILLAGE} value={value} onChange={setValue} />
      <div data-testid="form-value">{value}</div>
    </>
  )
}

const OrgsField = () => {
  const [value, setValue] = useState<string[]>([])
  return (
    <>
      <OrgPicker multiple value={value} onChange={setValue} testId="orgs" />
      <div data-testid="form-value">{value.length}</div>
    </>
  )
}

const tap = (text: string | RegExp) => act(() => fireEvent.click(screen.getAllByText(text)[0] as HTMLElement))
const open = () => act(() => fireEvent.click(screen.getByTestId('householdId-open')))
const options = () => screen.queryAllByTestId('householdId-option').map((o) => o.textContent)

beforeEach(() => {
  saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000), user: { id: 'u1', roles: ['CADRE'] } })
})

afterEach(() => {
  onlineManager.setOnline(true)
  localStorage.clear()
})

describe('household picker, online', () => {
  it('pages through 900 households as the list is scrolled, and says how many it shows', async () => {
    const { calls } = renderWithApi(<HouseholdField />, api)
    await open()
    await waitFor(() => expect(options()).toHaveLength(20))
    screen.getByText(/已显示 20 户/)
    await tap('加载更多')
    await waitFor(() => expect(options()).toHaveLength(40))
    const searches = calls.filter((c) => c.path === 'household.search')
    expect(searches.at(-1)?.input).toMatchObject({ villageId: VILLAGE, cursor: HOUSEHOLDS[19]?.id })
  })

  it('finds the 850th by part of its name, and shows the choice with its 户编号 and 所在组', async () => {
    const { container } = renderWithApi(<HouseholdField />, api)
    await open()
    typeInto(container, 'householdId-search', '林建')
    await waitFor(() => expect(options()).toEqual(['星林建户编号 QY-0850 · 二社']))
    screen.getByText('已全部显示，共 1 户')
    await tap('星林建')
    expect(screen.getByTestId('form-value').textContent).toBe(HOUSEHOLDS[849]?.id)
    expect(screen.getByTestId('householdId-open').textContent).toContain('户编号 QY-0850 · 二社')
  })

  it('tells two 王秀英 apart, and offers the last one chosen first', async () => {
    const { container, unmount } = renderWithApi(<HouseholdField />, api)
    await open()
    typeInto(container, 'householdId-search', '王秀英')
    await waitFor(() => expect(options()).toHaveLength(3))
    expect(new Set(options()).size).toBe(3)
    await act(() => fireEvent.click(screen.getAllByTestId('householdId-option')[1] as HTMLElement))
    unmount()

    renderWithApi(<HouseholdField />, api)
    await open()
    await waitFor(() => expect(options().length).toBeGreaterThan(1))
    screen.getByText('最近选择')
    expect(options()[0]).toBe('王秀英户编号 QY-0308 · 四社')
  })

  it('waits for a village', () => {
    renderWithApi(<HouseholdPicker villageId={null} value={null} onChange={() => {}} />, api)
    screen.getByText('请先选择村')
  })
})

describe('household picker, with no signal', () => {
  it('searches the village’s copy kept on the phone, and says so', async () => {
    const client = createTRPCClient<AppRouter>({ links: [answering(api)] })
    await refreshVillageCopy(client, VILLAGE)
    onlineManager.setOnline(false)
    const { container, calls } = renderWithApi(<HouseholdField />, api)
    await open()
    await waitFor(() => screen.getByText(/无网络：在本机保存的 900 户中查找/))
    expect(options()).toHaveLength(20)
    screen.getByText(/已显示 20 户，共 900 户/)
    typeInto(container, 'householdId-search', '星林')
    await waitFor(() => expect(options()).toEqual(['星林建户编号 QY-0850 · 二社']))
    await tap('星林建')
    expect(screen.getByTestId('form-value').textContent).toBe(HOUSEHOLDS[849]?.id)
    expect(calls.filter((c) => c.path === 'household.search')).toEqual([])
  })

  it('says when the phone keeps no copy of the village', async () => {
    onlineManager.setOnline(false)
    renderWithApi(<HouseholdField />, api)
    await open()
    await waitFor(() => screen.getByText(/本机没有保存该村的困难户名单/))
  })

  it('tells a secretary of many villages that only the recently opened are kept, here and on 待同步', async () => {
    const many = (call: ApiCall): ApiAnswer =>
      // The signal goes before this village's roster arrives.
      call.path === 'household.roster'
        ? {
            error: {
              message: '服务暂时不可用',
              data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 503, appCode: 'DATABASE_UNAVAILABLE' },
            },
          }
        : call.path === 'village.list'
          ? {
              data: Array.from({ length: 40 }, (_, i) => ({
                id: i ? `0d000000-0000-4000-8000-${String(i + 100).padStart(12, '0')}` : VILLAGE,
                name: i ? `第${i}村` : '前跃村',
                township: '良教乡',
              })),
            }
          : api(call)
    const client = createTRPCClient<AppRouter>({ links: [answering(api)] })
    await refreshVillageCopy(client, VILLAGE)
    // Opened while online (the villages are known, as the phone keeps them), then the signal goes.
    const { unmount } = renderWithApi(
      <HouseholdPicker villageId="0d000000-0000-4000-8000-000000000105" value={null} onChange={() => {}} />,
      many,
    )
    await open()
    await waitFor(() => expect(options().length).toBeGreaterThan(0))
    act(() => onlineManager.setOnline(false))
    await waitFor(() => screen.getByText(/本机没有保存该村的困难户名单（村较多时只保存最近打开的 10 个村）/))
    unmount()
    act(() => onlineManager.setOnline(true))
    renderWithApi(<OfflineCopiesSection />, many)
    await waitFor(() => screen.getByText(/良教乡前跃村：困难户 900 户/))
    screen.getByText(/您的范围内有 40 个村，本机只保存最近打开的 10 个村的困难户名单/)
  })

  it('keeps, of a secretary’s many villages, those opened most recently', () => {
    const villages = Array.from({ length: 40 }, (_, i) => `0d000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    expect(villagesToKeep(villages.slice(0, MAX_VILLAGES))).toHaveLength(MAX_VILLAGES)
    expect(villagesToKeep(villages)).toEqual([])
    for (const id of villages.slice(0, 12)) markVillageOpened(id)
    expect(villagesToKeep(villages).sort()).toEqual(villages.slice(2, 12).sort())
  })
})

describe('org picker', () => {
  it('finds any org by part of its name, and takes all that a search shows', async () => {
    const { container } = renderWithApi(<OrgsField />, api)
    await act(() => fireEvent.click(screen.getByTestId('orgs-open')))
    typeInto(container, 'orgs-search', '律师')
    await waitFor(() => screen.getByText('全选以下 7 个'))
    expect(screen.getAllByTestId('orgs-option')[0]?.textContent).toBe(
      '青海第1律师事务所党支部党支部 · 中共青海省律师行业委员会',
    )
    await tap('全选以下 7 个')
    expect(screen.getByTestId('form-value').textContent).toBe('7')
  })
})

/** A tRPC link that answers as `respond` does (for the copy's refresh outside React). */
const answering =
  (respond: (call: ApiCall) => ApiAnswer): TRPCLink<AppRouter> =>
  () =>
  ({ op }) =>
    observable((observer) => {
      const answer = respond({ path: op.path, input: op.input })
      if ('data' in answer) observer.next({ result: { type: 'data', data: answer.data } })
      observer.complete()
    })
