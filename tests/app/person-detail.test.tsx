// 人员详情's actions on an account, against a stand-in API that answers as user.* does: each asks
// first where a slip would hurt (停用, 重置密码, 解除微信绑定, ending a role), sends the account's
// id (and the version shown, where the server checks it), shows the account as the server answers
// it, shows a reset's one-time password once with a copy button, and a refusal in the server's
// own Chinese words.
import { useQuery } from '@tanstack/react-query'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RouterOutputs } from '../../src/lib/api-types'
import { useTRPC } from '../../src/lib/trpc'
import { PersonView } from '../../src/package-people/detail/index'
import { type ApiCall, type ApiError, renderWithApi } from './render-with-api'
import { answerModal, answerTaro, stubTaroEachTest } from './stub-taro'

const { toasts } = stubTaroEachTest()

type Person = RouterOutputs['user']['byId']

const ID = '01940000-0000-7000-8000-0000000000c1'
const ROLE_ID = '01940000-0000-7000-8000-0000000000d1'
const BRANCH = { id: '01940000-0000-7000-8000-0000000000b1', name: '西宁市司法局机关党支部', isClosed: false }

const person = (change: Partial<Person> = {}): Person =>
  ({
    id: ID,
    displayName: '吴晓梅',
    phone: '13712340000',
    isPhoneMasked: false,
    isActive: true,
    deactivatedAt: null,
    hasWechat: false,
    hasPassword: true,
    mustChangePassword: false,
    isLocked: false,
    lastLoginAt: null,
    createdAt: new Date('2025-01-20T02:00:00Z'),
    version: 3,
    canManage: true,
    roles: [
      {
        id: ROLE_ID,
        role: 'MEMBER',
        title: '组织委员',
        org: BRANCH,
        startedOn: '2025-01-20',
        endedOn: null,
        isCurrent: true,
      },
    ],
    posts: [],
    invitations: [],
    ...change,
  }) as Person

/** The page's own reading of the account: what a change answers replaces it. */
const Detail = () => {
  const trpc = useTRPC()
  const query = useQuery(trpc.user.byId.queryOptions({ id: ID }))
  return query.data ? <PersonView person={query.data} /> : null
}

const refusal = (appCode: string, message: string, httpStatus = 409): { error: ApiError } => ({
  error: { message, data: { code: 'CONFLICT', httpStatus, appCode, zodError: null } },
})

const renderDetail = (shown: Person, answer: (call: ApiCall) => unknown) =>
  renderWithApi(<Detail />, (call) => {
    if (call.path === 'user.byId') return { data: shown }
    const answered = answer(call)
    return answered && typeof answered === 'object' && 'error' in answered
      ? (answered as { error: ApiError })
      : { data: answered }
  })

const mutations = (calls: ApiCall[]) => calls.filter((c) => c.path !== 'user.byId')
const tap = (text: string) => fireEvent.click(screen.getByText(text))

describe('人员详情', () => {
  it('停用 asks first, sends the version shown, and shows the account as deactivated', async () => {
    const modal = answerModal(false)
    const { calls } = renderDetail(person(), () => person({ isActive: false, version: 4 }))
    await screen.findByText('停用账号')
    tap('停用账号')
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0]?.[0]).toMatchObject({ title: '停用这个账号？' })
    expect(mutations(calls)).toEqual([])

    answerModal(true)
    tap('停用账号')
    await screen.findByText('重新启用')
    expect(mutations(calls)).toEqual([
      { path: 'user.deactivate', input: { clientMutationId: expect.any(String), id: ID, version: 3 } },
    ])
    expect(screen.getByText('已停用')).toBeTruthy()
    expect(toasts()).toContain('账号已停用')
  })

  it('重置密码 shows the one-time password once, with a copy button', async () => {
    answerModal(true)
    const clipboard = answerTaro('setClipboardData', { errMsg: 'setClipboardData:ok' })
    const { calls } = renderDetail(person(), () => ({
      user: person({ mustChangePassword: true, version: 4 }),
      oneTimePassword: 'Kq7m3xhp2w',
    }))
    await screen.findByText('重置密码')
    tap('重置密码')
    const shown = await screen.findByTestId('one-time-password')
    expect(within(shown).getByText('Kq7m3xhp2w')).toBeTruthy()
    expect(within(shown).getByText('只显示这一次，请当面或电话告知本人；首次登录后须修改。')).toBeTruthy()
    expect(mutations(calls)).toEqual([
      { path: 'user.resetPassword', input: { clientMutationId: expect.any(String), id: ID } },
    ])
    fireEvent.click(within(shown).getByText('复制密码'))
    expect(clipboard).toHaveBeenCalledWith({ data: 'Kq7m3xhp2w' })
    expect(screen.getByText('初始密码（未修改）')).toBeTruthy()
  })

  it('解除锁定 and 解除微信绑定 show only when they apply, and take the account as it is now', async () => {
    answerModal(true)
    const { calls } = renderDetail(person({ isLocked: true, hasWechat: true }), (call) =>
      call.path === 'user.unlock' ? person({ hasWechat: true }) : person(),
    )
    expect(await screen.findByText('登录已锁定')).toBeTruthy()
    expect(screen.queryByText('邀请绑定微信')).toBeNull()
    tap('解除锁定')
    await waitFor(() => expect(screen.queryByText('登录已锁定')).toBeNull())
    tap('解除微信绑定')
    await screen.findByText('邀请绑定微信')
    expect(mutations(calls).map((c) => [c.path, c.input])).toEqual([
      ['user.unlock', { clientMutationId: expect.any(String), id: ID }],
      ['user.unbindWechat', { clientMutationId: expect.any(String), id: ID }],
    ])
    expect(toasts()).toEqual(['已解除锁定', '已解除微信绑定'])
  })

  it('ending a role shows the server’s refusal in its own words, and changes nothing on the page', async () => {
    answerModal(true)
    const message = '这是最后一个在用的管理员账号，不能停用或取消其管理员角色'
    const { calls } = renderDetail(person(), () => refusal('LAST_ADMIN', message))
    const roles = await screen.findByTestId('person-roles')
    expect(within(roles).getByText('党员 · 组织委员')).toBeTruthy()
    expect(within(roles).getByText('西宁市司法局机关党支部 · 2025-01-20 起')).toBeTruthy()
    fireEvent.click(within(roles).getByText('结束'))
    await waitFor(() => expect(toasts()).toEqual([message]))
    expect(mutations(calls)).toEqual([
      { path: 'user.endRole', input: { clientMutationId: expect.any(String), id: ROLE_ID } },
    ])
    expect(within(roles).getByText('结束')).toBeTruthy()
  })

  it('adds a role after checking it with the server’s schema, in an org the caller may grant it in', async () => {
    const firm = { id: '01940000-0000-7000-8000-0000000000b2', name: '青海昆仑律师事务所党支部' }
    const added = {
      id: '01940000-0000-7000-8000-0000000000d2',
      role: 'MEMBER',
      title: '党员',
      org: { ...firm, isClosed: false },
      startedOn: '2025-02-01',
      endedOn: null,
      isCurrent: true,
    } as Person['roles'][number]
    // The server offers only the orgs the caller may grant roles in (isOrganisable).
    const { calls } = renderDetail(person(), (call) =>
      call.path === 'org.list'
        ? {
            items: [
              { ...BRANCH, shortName: null, kind: 'BRANCH', parentId: null, parentName: null, canOrganise: true },
              { ...firm, shortName: null, kind: 'BRANCH', parentId: null, parentName: null, canOrganise: true },
            ],
            nextCursor: null,
          }
        : person({ roles: [...person().roles, added] }),
    )
    await screen.findByText('添加角色')
    tap('添加角色')
    tap('保存角色')
    await screen.findByText('请选择所在组织')
    expect(mutations(calls).filter((c) => c.path !== 'org.list')).toEqual([])

    const form = screen.getByTestId('add-role')
    fireEvent.click(within(form).getByTestId('add-role-org-open'))
    await waitFor(() => expect(within(form).getAllByTestId('add-role-org-option')).toHaveLength(2))
    expect(calls.some((c) => c.path === 'org.list' && (c.input as { isOrganisable?: boolean }).isOrganisable)).toBe(
      true,
    )
    fireEvent.click(within(form).getAllByTestId('add-role-org-option')[1] as HTMLElement)
    const roleSelect = within(form).getByTestId('add-role-role').querySelector('select') as HTMLSelectElement
    fireEvent.change(roleSelect, { target: { value: 'MEMBER' } })
    tap('保存角色')
    const roles = screen.getByTestId('person-roles')
    await within(roles).findByText(`${firm.name} · 2025-02-01 起`)
    expect(mutations(calls).filter((c) => c.path === 'user.addRole')).toEqual([
      {
        path: 'user.addRole',
        input: { clientMutationId: expect.any(String), userId: ID, role: 'MEMBER', orgId: firm.id, title: null },
      },
    ])
    expect(toasts()).toContain('已添加角色')
  })

  it('offers nothing to change on an account the caller only sees', async () => {
    renderDetail(person({ canManage: false, phone: '137****0000', isPhoneMasked: true }), () => null)
    await screen.findByText('这个账号由管理员管理，您只能查看。')
    for (const action of ['停用账号', '重置密码', '添加角色', '结束', '修改姓名或手机号'])
      expect(screen.queryByText(action)).toBeNull()
    expect(screen.getByText('137****0000')).toBeTruthy()
  })
})
