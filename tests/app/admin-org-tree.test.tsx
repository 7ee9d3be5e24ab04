// 组织架构: the tree opens a level at a time and pages a large one; an org's page offers only what
// the server allows the person (a 支部书记 neither moves nor closes his own org); 撤销 asks for a
// reason and shows the server's refusal; 调整上级组织 confirms first and shows the server's
// refusal of a cycle in its own words.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import OrgDetailPage from '../../src/package-admin/org/index'
import OrgMovePage from '../../src/package-admin/org-move/index'
import OrgTreePage from '../../src/package-admin/orgs/index'
import { ADMIN, ids, orgDetail, orgRow, page, refusal, renderAs, SECRETARY } from './admin-fixtures'
import { typeInto } from './render-with-api'
import { answerModal, stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const taro = stubTaroEachTest()

const BUREAU = orgRow(ids.bureau, '中共西宁市司法局机关委员会', { kind: 'PARTY_COMMITTEE', openChildCount: 1 })
const LAWYERS = orgRow(ids.lawyers, '中共西宁市律师行业委员会', { kind: 'PARTY_COMMITTEE', openChildCount: 2 })
const FIRM = orgRow(ids.firm, '青海昆仑律师事务所党支部', { parentId: ids.lawyers })
const OTHER_FIRM = orgRow(ids.closedFirm, '青海湟水律师事务所党支部', { parentId: ids.lawyers })
const BRANCH = orgRow(ids.bureauBranch, '西宁市司法局机关党支部', { parentId: ids.bureau })

type TreeInput = { parentId?: string | null; cursor?: string | null; search?: string }

/** org.tree: the top (the bureau and the lawyers), and the lawyers' two firms, a page of one each. */
const tree = (input: TreeInput) => {
  if (!input.parentId) return { data: page([BUREAU, LAWYERS]) }
  if (input.parentId === ids.lawyers) return { data: input.cursor ? page([OTHER_FIRM]) : page([FIRM], ids.firm) }
  return { data: page([]) }
}

/** The tree's row of an org (its name may show elsewhere on the page too). */
const rowOf = (name: string) => {
  const row = screen
    .getAllByText(name)
    .map((text) => text.closest('[data-testid="org-row"]'))
    .find(Boolean)
  if (!row) throw new Error(`no row for ${name}`)
  return row as HTMLElement
}

const tap = (element: HTMLElement) => act(() => fireEvent.click(element))

describe('组织架构, the tree', () => {
  it('opens a branch a level at a time, pages a large one, and shuts it again', async () => {
    route.params = {}
    const { calls } = renderAs(ADMIN, <OrgTreePage />, (call) =>
      call.path === 'org.tree' ? tree(call.input as TreeInput) : undefined,
    )
    await screen.findByText('中共西宁市律师行业委员会')
    expect(screen.queryByText('青海昆仑律师事务所党支部')).toBeNull()

    await tap(within(rowOf('中共西宁市律师行业委员会')).getByText('▸'))
    await screen.findByText('青海昆仑律师事务所党支部')
    expect(calls.filter((c) => c.path === 'org.tree').map((c) => c.input)).toContainEqual(
      expect.objectContaining({ parentId: ids.lawyers, includeClosed: false, limit: 30 }),
    )
    // The level has a second page: asked for on 加载更多, after the first page's last org.
    await tap(screen.getByText('加载更多'))
    await screen.findByText('青海湟水律师事务所党支部')
    expect(calls.at(-1)?.input).toEqual(expect.objectContaining({ parentId: ids.lawyers, cursor: ids.firm }))

    await tap(within(rowOf('中共西宁市律师行业委员会')).getByText('▾'))
    await waitFor(() => expect(screen.queryByText('青海昆仑律师事务所党支部')).toBeNull())
  })

  it('offers a new top-level org to an administrator only', async () => {
    route.params = {}
    renderAs(SECRETARY, <OrgTreePage />, (call) => (call.path === 'org.tree' ? { data: page([BRANCH]) } : undefined))
    await screen.findByText('西宁市司法局机关党支部')
    expect(screen.queryByText('新建最上级组织')).toBeNull()
  })
})

describe('an org’s page', () => {
  const detail = (row: ReturnType<typeof orgRow>, ancestors: { id: string; name: string }[]) => () =>
    ({ data: orgDetail(row, ancestors) }) as const

  it('lets a 支部书记 add below and rename his own branch, but not move or close it', async () => {
    route.params = { id: ids.bureauBranch }
    renderAs(SECRETARY, <OrgDetailPage />, (call) =>
      call.path === 'org.byId' ? detail(BRANCH, [{ id: ids.bureau, name: BUREAU.name }])() : undefined,
    )
    await screen.findByText('新建下级组织')
    expect(screen.getByText('修改')).toBeTruthy()
    expect(screen.queryByText('调整上级组织')).toBeNull()
    expect(screen.queryByText('撤销组织')).toBeNull()
  })

  it('lets him move and close an org below his own', async () => {
    const group = orgRow('0a000000-0000-4000-8000-000000000009', '第一党小组', { parentId: ids.bureauBranch })
    route.params = { id: group.id }
    renderAs(SECRETARY, <OrgDetailPage />, (call) =>
      call.path === 'org.byId'
        ? detail(group, [
            { id: ids.bureau, name: BUREAU.name },
            { id: ids.bureauBranch, name: BRANCH.name },
          ])()
        : undefined,
    )
    await screen.findByText('调整上级组织')
    expect(screen.getByText('撤销组织')).toBeTruthy()
  })

  it('shows a closed org as 已撤销 with its reason, and offers nothing to do with it', async () => {
    const closed = orgRow(ids.closedFirm, '青海湟水律师事务所党支部', { parentId: ids.lawyers, isClosed: true })
    route.params = { id: closed.id }
    renderAs(ADMIN, <OrgDetailPage />, (call) =>
      call.path === 'org.byId' ? detail(closed, [{ id: ids.lawyers, name: LAWYERS.name }])() : undefined,
    )
    await screen.findByText('律所注销')
    expect(screen.getByText('已撤销')).toBeTruthy()
    expect(screen.queryByText('修改')).toBeNull()
    expect(screen.queryByText('撤销组织')).toBeNull()
  })

  it('closes an org only with a reason, and shows the server’s refusal, then the closed org', async () => {
    route.params = { id: ids.firm }
    let refuse = true
    const above = [{ id: ids.lawyers, name: LAWYERS.name }]
    let current = orgDetail(FIRM, above)
    const { calls, container } = renderAs(ADMIN, <OrgDetailPage />, (call) => {
      if (call.path === 'org.byId') return { data: current }
      if (call.path !== 'org.close') return undefined
      if (refuse) return refusal('ORG_HAS_OPEN_CHILDREN', '该组织下还有未撤销的下级组织，请先撤销或移走它们')
      const closed = orgRow(ids.firm, FIRM.name, { parentId: ids.lawyers, isClosed: true, version: 2 })
      current = { ...orgDetail(closed, above), closedReason: '律所已注销' }
      return { data: current }
    })
    await tap(await screen.findByText('撤销组织'))
    await tap(screen.getByText('确认撤销'))
    await screen.findByText('请填写撤销原因')
    expect(calls.filter((c) => c.path === 'org.close')).toEqual([])

    act(() => typeInto(container, 'closeReason', '律所已注销'))
    await tap(screen.getByText('确认撤销'))
    await waitFor(() => expect(taro.toasts()).toContain('该组织下还有未撤销的下级组织，请先撤销或移走它们'))
    const [sent] = calls.filter((c) => c.path === 'org.close')
    expect(sent?.input).toEqual(expect.objectContaining({ id: ids.firm, version: 1, reason: '律所已注销' }))

    refuse = false
    await tap(screen.getByText('确认撤销'))
    await screen.findByText('已撤销')
    expect(screen.getByText('律所已注销')).toBeTruthy()
    // The retry of the refused close carries the same key: the server does it once.
    const keys = calls
      .filter((c) => c.path === 'org.close')
      .map((c) => (c.input as { clientMutationId: string }).clientMutationId)
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
  })
})

describe('调整上级组织', () => {
  it('asks first, sends the chosen parent, and shows the server’s refusal of a cycle', async () => {
    route.params = { id: ids.firm }
    const { calls } = renderAs(ADMIN, <OrgMovePage />, (call) => {
      if (call.path === 'org.byId') return { data: orgDetail(FIRM, [{ id: ids.lawyers, name: LAWYERS.name }]) }
      if (call.path === 'org.tree') return tree(call.input as TreeInput)
      if (call.path === 'org.move')
        return refusal('ORG_MOVE_CYCLE', '不能把组织移到它自己或它的下级组织之下', {
          httpStatus: 400,
          fieldErrors: { parentId: [] },
        })
      return undefined
    })
    await screen.findByText('中共西宁市司法局机关委员会')
    // The current parent is shown for the way down, but not offered.
    expect(within(rowOf('中共西宁市律师行业委员会')).queryByText('选择')).toBeNull()

    answerModal(false)
    await tap(within(rowOf('中共西宁市司法局机关委员会')).getByText('选择'))
    expect(calls.filter((c) => c.path === 'org.move')).toEqual([])

    answerModal(true)
    await tap(within(rowOf('中共西宁市司法局机关委员会')).getByText('选择'))
    await waitFor(() => expect(taro.toasts()).toContain('不能把组织移到它自己或它的下级组织之下'))
    expect(calls.find((c) => c.path === 'org.move')?.input).toEqual(
      expect.objectContaining({ id: ids.firm, version: 1, parentId: ids.bureau }),
    )
    expect(taro.navigateBack).not.toHaveBeenCalled()
  })

  it('offers the top of the tree to an administrator only', async () => {
    const group = orgRow('0a000000-0000-4000-8000-000000000009', '第一党小组', { parentId: ids.bureauBranch })
    route.params = { id: group.id }
    const answer = (call: { path: string; input: unknown }) => {
      if (call.path === 'org.byId')
        return {
          data: orgDetail(group, [
            { id: ids.bureau, name: BUREAU.name },
            { id: ids.bureauBranch, name: BRANCH.name },
          ]),
        }
      if (call.path === 'org.tree') return { data: page([BRANCH]) }
      return undefined
    }
    const asSecretary = renderAs(SECRETARY, <OrgMovePage />, answer)
    await screen.findByText('现在的上级')
    expect(screen.queryByText('移到最上级')).toBeNull()
    asSecretary.unmount()

    renderAs(ADMIN, <OrgMovePage />, answer)
    await screen.findByText('移到最上级')
  })
})
