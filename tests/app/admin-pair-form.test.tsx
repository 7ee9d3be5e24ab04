// 结对帮扶: the pairing form asks for an org (chosen in the tree) before it can be saved, sends
// the org, the village and the first day, and puts the server's refusals under the field they
// concern; the village page ends a current pairing on a day and shows the server's refusal of it.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import PairPage from '../../src/package-admin/pair/index'
import VillageAdminPage from '../../src/package-admin/village/index'
import { ADMIN, ids, orgRow, page, refusal, renderAs } from './admin-fixtures'
import type { ApiCall } from './render-with-api'
import { stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const taro = stubTaroEachTest()

const PAIRING = '0d000000-0000-4000-8000-000000000001'

const village = (pairings: { org: { id: string; name: string }; endedOn?: string | null; isCurrent?: boolean }[]) => ({
  id: ids.village,
  name: '前跃村',
  county: '大通县',
  township: '良教乡',
  adminCode: '630121105201',
  version: 1,
  canManage: true,
  pairings: pairings.map((p, i) => ({
    id: i ? `0d000000-0000-4000-8000-00000000000${i + 1}` : PAIRING,
    org: { ...p.org, isClosed: false },
    startedOn: '2024-03-01',
    endedOn: p.endedOn ?? null,
    isCurrent: p.isCurrent ?? true,
  })),
  posts: [],
  householdCounts: { total: 6, monitoring: 6, anonymised: 0 },
})

const BRANCH = { id: ids.bureauBranch, name: '西宁市司法局机关党支部' }
const TREE = page([
  orgRow(ids.bureau, '中共西宁市司法局机关委员会', { kind: 'PARTY_COMMITTEE', openChildCount: 1 }),
  orgRow(ids.lawyers, '中共西宁市律师行业委员会', { kind: 'PARTY_COMMITTEE', openChildCount: 7 }),
])

const tap = (element: HTMLElement) => act(() => fireEvent.click(element))

const rowOf = (name: string) => {
  const row = screen.getByText(name).closest('[data-testid="org-row"]')
  if (!row) throw new Error(`no row for ${name}`)
  return row as HTMLElement
}

const pairCalls = (calls: ApiCall[]) => calls.filter((c) => c.path === 'village.pair')

describe('新增结对', () => {
  it('asks for an org first, then sends the org, the village and today', async () => {
    route.params = { villageId: ids.village }
    const { calls } = renderAs(ADMIN, <PairPage />, (call) => {
      if (call.path === 'village.byId') return { data: village([{ org: BRANCH }]) }
      if (call.path === 'org.tree') return { data: TREE }
      if (call.path === 'village.pair')
        return { data: village([{ org: BRANCH }, { org: { id: ids.lawyers, name: '中共西宁市律师行业委员会' } }]) }
      return undefined
    })
    await screen.findByText('良教乡前跃村')
    // The orgs paired now are listed; nothing can be saved before an org is chosen.
    expect(screen.getByText('西宁市司法局机关党支部')).toBeTruthy()
    expect(screen.queryByText('确认结对')).toBeNull()

    await tap(within(rowOf('中共西宁市律师行业委员会')).getByText('选择'))
    await tap(await screen.findByText('确认结对'))
    await waitFor(() => expect(pairCalls(calls)).toHaveLength(1))
    expect(pairCalls(calls)[0]?.input).toEqual({
      clientMutationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      orgId: ids.lawyers,
      villageId: ids.village,
      startedOn: shanghaiDate(),
    })
    await waitFor(() => expect(taro.toasts()).toContain('结对已保存'))
    expect(taro.navigateBack).toHaveBeenCalled()
  })

  it('puts the server’s refusals under the org and the date', async () => {
    route.params = { villageId: ids.village }
    const answers = [
      refusal('PAIRING_EXISTS', '该组织与这个村的上一次结对到 2026-12-31 才结束，新的结对请从这一天或之后开始', {
        fieldErrors: { startedOn: ['该组织与这个村的上一次结对到 2026-12-31 才结束，新的结对请从这一天或之后开始'] },
      }),
      refusal('ORG_CLOSED', '该组织已撤销，不能再与村结对', {
        fieldErrors: { orgId: ['该组织已撤销，不能再与村结对'] },
      }),
    ]
    const { calls } = renderAs(ADMIN, <PairPage />, (call) => {
      if (call.path === 'village.byId') return { data: village([]) }
      if (call.path === 'org.tree') return { data: TREE }
      if (call.path === 'village.pair') return answers.shift()
      return undefined
    })
    await tap(within(await waitFor(() => rowOf('中共西宁市律师行业委员会'))).getByText('选择'))
    await tap(await screen.findByText('确认结对'))
    const dateError = await screen.findAllByText(
      '该组织与这个村的上一次结对到 2026-12-31 才结束，新的结对请从这一天或之后开始',
    )
    expect(dateError.some((el) => el.className.includes('form-field__error'))).toBe(true)

    await tap(screen.getByText('确认结对'))
    const orgError = await screen.findAllByText('该组织已撤销，不能再与村结对')
    expect(orgError.some((el) => el.className.includes('form-field__error'))).toBe(true)
    expect(pairCalls(calls)).toHaveLength(2)
    expect(taro.navigateBack).not.toHaveBeenCalled()

    // 重新选择 brings the tree back.
    await tap(screen.getByText('重新选择'))
    await screen.findByText('中共西宁市司法局机关委员会')
    expect(screen.queryByText('确认结对')).toBeNull()
  })
})

describe('结束结对, on the village page', () => {
  it('ends a current pairing on the day chosen, and shows a refused day under the date', async () => {
    route.params = { id: ids.village }
    let refuse = true
    let current = village([{ org: BRANCH }])
    const { calls } = renderAs(ADMIN, <VillageAdminPage />, (call) => {
      if (call.path === 'village.byId') return { data: current }
      if (call.path !== 'village.endPairing') return undefined
      if (refuse)
        return refusal('VALIDATION_FAILED', '结束日期不能早于结对开始的日期（2024-03-01）', {
          httpStatus: 400,
          fieldErrors: { endedOn: ['结束日期不能早于结对开始的日期（2024-03-01）'] },
        })
      current = village([{ org: BRANCH, endedOn: shanghaiDate(), isCurrent: false }])
      return { data: current }
    })
    await tap(await screen.findByText('结束结对'))
    await tap(screen.getByText('确认结束结对'))
    await screen.findByText('结束日期不能早于结对开始的日期（2024-03-01）')
    expect(calls.find((c) => c.path === 'village.endPairing')?.input).toEqual(
      expect.objectContaining({ id: PAIRING, endedOn: shanghaiDate() }),
    )

    refuse = false
    await tap(screen.getByText('确认结束结对'))
    await screen.findByText('已结束')
    expect(screen.queryByText('结束结对')).toBeNull()
    expect(taro.toasts()).toContain('结对已结束')
  })
})
