// A county starts from nothing, as docs/deployment.md tells it: no demo data, only the first
// administrator made by `npm run admin:create` (on the data folder, before the server starts). He
// signs in with the one-time password and must change it before anything else opens; he sets up
// the org tree, a village and its pairing (through the API: their pages are 管理's), creates the
// branch secretary in 新建人员 and invites him; the secretary opens the invitation's link in a
// browser of his own, sets his password, and records a party day with a donation. Last, the
// administrator imports the branch's members from the 党员花名册 template.
import { readFile } from 'node:fs/promises'
import { createTRPCClient, httpLink } from '@trpc/client'
import { describe, expect, it } from 'vitest'
import { wireFormat } from '../../common/wire-format'
import type { AppRouter } from '../../server/routers/app-router'
import { MEMBER_SHEET } from '../../server/services/imports/member-roster-columns'
import { newInstallationEnv, oneTimePasswordOf, runAdminCreate } from '../helpers/admin-create-command'
import { withRows } from '../helpers/xlsx'
import { startPartyDay } from './forms'
import { app, choose, chooseXlsx, fill, newPhonePage, pick, screenshot, see, tapButton, tapText } from './harness'
import { worldForThisFile } from './world'

const ADMIN = { name: '刘组织', phone: '13900000001', org: '中共大通县委' }
const SECRETARY = { name: '王建国', phone: '13900000002', password: 'Wangjg2025' }
const BRANCH = '大通县司法局机关党支部'
const ADMIN_PASSWORD = 'Liuzz2025new'
/** The screenshots' size: a small Android phone. */
const SMALL_PHONE = { width: 360, height: 740 }

let oneTimePassword = ''

/** `npm run admin:create` on the new ledger's data folder, as package.json runs it. */
const adminCreate = async (dataDir: string) => {
  const run = await runAdminCreate(
    ['--name', ADMIN.name, '--phone', ADMIN.phone, '--org', ADMIN.org],
    newInstallationEnv(dataDir),
  )
  oneTimePassword = oneTimePasswordOf(run)
  if (!oneTimePassword) throw new Error(`admin:create printed no password:\n${run.stdout}${run.stderr}`)
}

const e2e = worldForThisFile({ prepare: adminCreate })

const apiAs = (token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${e2e.baseUrl}/trpc`,
        transformer: wireFormat,
        methodOverride: 'POST',
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  })

describe('from an empty database to the first party day', () => {
  it('admin:create, the first sign-in, the tree, an invitation, and the secretary’s party day', {
    timeout: 420_000,
  }, async () => {
    expect(await e2e.server.deps.prisma.user.count()).toBe(1)
    expect(await e2e.server.deps.prisma.household.count()).toBe(0)

    // The first sign-in: the one-time password opens 修改密码 and nothing else.
    const admin = await newPhonePage(e2e, SMALL_PHONE)
    await admin.goto(`${e2e.baseUrl}/`)
    await admin.waitForURL(/login/)
    await fill(admin, 'phone', ADMIN.phone)
    await fill(admin, 'password', oneTimePassword)
    await tapButton(admin, '登录')
    await admin.waitForURL(/change-password/)
    await see(admin, '请先设置您自己的密码')
    // The app opened afresh on the 工作台 goes straight back there.
    await admin.goto('about:blank')
    await admin.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await admin.waitForURL(/change-password/)
    await see(admin, '请先设置您自己的密码')
    await fill(admin, 'currentPassword', oneTimePassword)
    await fill(admin, 'newPassword', ADMIN_PASSWORD)
    await fill(admin, 'repeated', ADMIN_PASSWORD)
    await tapButton(admin, '保存')
    await admin.waitForURL(/package-auth\/privacy/)
    await tapButton(admin, '同意并继续')
    await admin.waitForURL(/pages\/home/)
    await see(admin, `${ADMIN.name}，您好`)

    // The tree, a village and its pairing, through the API.
    const login = await apiAs('').auth.loginWithPassword.mutate({ phone: ADMIN.phone, password: ADMIN_PASSWORD })
    const api = apiAs(login.token)
    const [top] = (await api.org.list.query({ limit: 10 })).items.filter((o) => o.name === ADMIN.org)
    if (!top) throw new Error('admin:create made no top-level org')
    const branch = await api.org.create.mutate({ name: BRANCH, kind: 'BRANCH', parentId: top.id })
    const village = await api.village.create.mutate({
      name: '前跃村',
      township: '良教乡',
      county: '大通县',
      adminCode: '630121105201',
    })
    await api.village.pair.mutate({ orgId: branch.id, villageId: village.id })
    // A resident cadre, for the people list.
    await api.user.create.mutate({
      displayName: '李振华',
      phone: '13900000003',
      roles: [{ orgId: branch.id, role: 'CADRE', title: '第一书记' }],
      posts: [{ villageId: village.id, post: '第一书记' }],
    })

    // 新建人员: the secretary, with his one-time password shown once; then his invitation.
    await admin.goto(`${e2e.baseUrl}/#/package-people/form/index`)
    await fill(admin, 'displayName', SECRETARY.name)
    await fill(admin, 'phone', SECRETARY.phone)
    await choose(admin, 'person-role', '支部书记')
    await pick(admin, 'person-org', BRANCH)
    await fill(admin, 'title', '支部书记')
    await tapButton(admin, '创建账号')
    await see(admin, `${SECRETARY.name} 的初始密码`)
    await tapButton(admin, '生成邀请码')
    await admin.waitForURL(/package-people\/invitations/)
    await tapButton(admin, '生成邀请码')
    await see(admin, `${SECRETARY.name} 的邀请码`)
    await see(admin, '撤销')
    const link = (await admin.locator('#app .invitation-card__link').first().textContent())?.trim() ?? ''
    expect(link).toMatch(new RegExp(`^${e2e.baseUrl}/invite\\?code=[A-Z2-9]{8}$`))
    await screenshot(admin, 'invitation-qr', { fullPage: false })

    // 人员与账号 and the secretary's page.
    await admin.goto('about:blank')
    await admin.goto(`${e2e.baseUrl}/#/package-people/list/index`)
    await see(admin, `${SECRETARY.name}（${SECRETARY.phone}）`)
    await see(admin, '第一书记 · 前跃村')
    await screenshot(admin, 'people-list', { fullPage: false })
    await tapText(admin, `${SECRETARY.name}（${SECRETARY.phone}）`)
    await admin.waitForURL(/package-people\/detail/)
    await see(admin, '初始密码（未修改）')
    // The page opened afresh, for its picture (not halfway through the slide from the list).
    const detailUrl = admin.url()
    await admin.goto('about:blank')
    await admin.goto(detailUrl)
    await see(admin, `${BRANCH} · `)
    await screenshot(admin, 'person-detail', { fullPage: false })

    // The secretary, in a browser of his own, opens the link: GET /invite, then the app's page.
    const secretary = await newPhonePage(e2e)
    await secretary.goto(link)
    await secretary.getByText('设置登录密码并进入').click()
    await secretary.waitForURL(/package-auth\/invitation/)
    await fill(secretary, 'phone', SECRETARY.phone)
    await fill(secretary, 'newPassword', SECRETARY.password)
    await fill(secretary, 'repeated', SECRETARY.password)
    await tapButton(secretary, '设置密码并进入')
    await secretary.waitForURL(/package-auth\/privacy/)
    await tapButton(secretary, '同意并继续')
    await secretary.waitForURL(/pages\/home/)
    await see(secretary, `${SECRETARY.name}，您好`)

    // The administrator sees the password the secretary chose in place of the one-time one.
    await admin.goto('about:blank')
    await admin.goto(detailUrl)
    await see(admin, '手机号和密码')

    // The first party day, with a donation.
    await startPartyDay(secretary, {
      theme: '走进联点村 开展第一次主题党日',
      heldOn: '2025-03-05',
      expected: 12,
      present: 12,
    })
    await tapButton(secretary, '保存')
    await secretary.waitForURL(/package-activity\/detail/)
    await tapButton(secretary, '登记捐赠')
    await secretary.waitForURL(/package-donation\/form/)
    await pick(secretary, 'donorOrgId', BRANCH)
    await tapText(secretary, '慰问金')
    await fill(secretary, 'amount', '2000')
    await tapButton(secretary, '保存捐赠')
    await secretary.locator('.taro-modal__foot, .taro__modal__foot, .weui-dialog__ft').getByText('返回').click()
    await secretary.waitForURL(/package-activity\/detail/)
    await secretary.reload()
    await expect
      .poll(() => secretary.locator('[data-testid=activity-total]:visible').first().textContent())
      .toContain('¥2,000.00')
    await screenshot(secretary, 'onboarding-first-party-day')

    // 导入党员花名册: the branch's members from the template, a file with an error refused first.
    await admin.goto('about:blank')
    await admin.goto(`${e2e.baseUrl}/#/package-people/import/index`)
    const [download] = await Promise.all([admin.waitForEvent('download'), tapButton(admin, '下载模板')])
    const template = await readFile(await download.path())
    const chooseFile = async (rows: Record<string, string>[]) =>
      chooseXlsx(admin, await withRows(template, MEMBER_SHEET, rows), '党员花名册.xlsx')
    const members = [
      { 姓名: '赵明德', 手机号: '13900000011', 所在党组织: BRANCH, 职务: '组织委员' },
      { 姓名: '钱秀英', 手机号: '13900000012', 所在党组织: BRANCH, 职务: '党员' },
    ]
    await chooseFile([...members, { 姓名: '孙立', 手机号: '1390000', 所在党组织: BRANCH, 职务: '党员' }])
    await app(admin).getByTestId('import-errors').waitFor()
    await see(admin, '有错误，不能导入')
    await chooseFile(members)
    await see(admin, '共 2 行：新建账号 2 个')
    await tapButton(admin, '确认导入 2 行')
    await see(admin, '新账号的初始密码')
    await see(admin, '赵明德（13900000011）')
    expect(await e2e.server.deps.prisma.membership.count({ where: { role: 'MEMBER', org: { name: BRANCH } } })).toBe(2)
  })
})
