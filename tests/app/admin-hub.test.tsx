// 管理 is offered on 我的 to administrators and 支部书记 only, and its hub lists what each may do:
// villages, pairings and the audit log are the administrators' (the server refuses them to anyone
// else), the org tree and the branch's people a secretary's too.
import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { routes } from '../../src/lib/routes'
import AdminHubPage from '../../src/package-admin/index/index'
import MinePage from '../../src/pages/mine/index'
import { ADMIN, renderAs, SECRETARY } from './admin-fixtures'
import { answerTaro, stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const MEMBER = { ...SECRETARY, displayName: '张丽', roles: ['MEMBER'], memberships: [] }

describe('管理 on 我的', () => {
  it('opens the hub for an administrator', async () => {
    renderAs(ADMIN, <MinePage />, () => undefined)
    const entry = await screen.findByText('管理')
    const navigateTo = answerTaro('navigateTo', { errMsg: 'navigateTo:ok' })
    await act(async () => fireEvent.click(entry))
    expect(navigateTo).toHaveBeenCalledWith({ url: routes.admin })
  })

  it('is not there for a party member', async () => {
    renderAs(MEMBER, <MinePage />, () => undefined)
    await screen.findByText('张丽')
    expect(screen.queryByText('管理')).toBeNull()
  })
})

describe('the 管理 hub', () => {
  const entries = ['组织架构', '村与结对', '人员与账号', '邀请', '导入党员花名册', '审计日志', '任务运行']

  it('lists everything for an administrator', async () => {
    renderAs(ADMIN, <AdminHubPage />, () => undefined)
    await screen.findByText('组织架构')
    for (const entry of entries) expect(screen.getByText(entry)).toBeTruthy()
  })

  it('lists a secretary’s own subtree and people, not villages or the audit log', async () => {
    renderAs(SECRETARY, <AdminHubPage />, () => undefined)
    await screen.findByText('组织架构')
    expect(screen.getByText('人员与账号')).toBeTruthy()
    expect(screen.getByText('导入党员花名册')).toBeTruthy()
    expect(screen.queryByText('村与结对')).toBeNull()
    expect(screen.queryByText('审计日志')).toBeNull()
    expect(screen.queryByText('任务运行')).toBeNull()
  })
})
