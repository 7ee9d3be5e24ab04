// 管理 in the browser, as the demo administrator on a 360×740 phone: the org tree (create an org
// under a parent, move it under another, close it with a reason and still read it), a new village
// paired with an org, and a village list imported from an .xlsx made here from the template.
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { VILLAGE_COLUMNS, VILLAGE_SHEET } from '../../server/services/imports/village-import-columns'
import { sheetOf, workbookOf } from '../helpers/xlsx'
import {
  app,
  choose,
  chooseXlsx,
  expectToast,
  fill,
  login,
  newPhonePage,
  screenshot,
  see,
  tapButton,
  tapTab,
  tapText,
} from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

const ADMIN_PHONE = '13800000001'

/** The Taro modal's button (Taro.showModal on H5). */
const tapModal = (page: Page, text: string) =>
  page.locator('.taro-modal__foot, .taro__modal__foot, .weui-dialog__ft').getByText(text, { exact: true }).click()

/** An org's row in the tree (or a picker's tree). */
const orgRow = (page: Page, name: string) =>
  app(page)
    .getByTestId('org-row')
    .filter({ has: page.getByText(name, { exact: true }) })
    .locator('visible=true')
    .first()

/** A 村名单 file: the downloaded template with these villages below its example row. */
const villageFile = async (template: Buffer, rows: Record<string, string>[]) => {
  const workbook = await workbookOf(template)
  const sheet = sheetOf(workbook, VILLAGE_SHEET)
  for (const row of rows) sheet.addRow(VILLAGE_COLUMNS.map((c) => row[c.header] ?? null))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** An entry of the audit log, by what it did. */
const auditEntry = (page: Page, action: string) =>
  app(page).getByText(action, { exact: true }).locator('visible=true').first()

/** A screenshot once the page has slid in (Taro's H5 page transition). */
const settledScreenshot = async (page: Page, name: string) => {
  await page.waitForTimeout(600)
  await screenshot(page, name)
}

/** The demo administrator on a 360×740 phone, in 管理 → `entry`. */
const openAdmin = async (entry: string) => {
  const page = await newPhonePage(e2e)
  await page.setViewportSize({ width: 360, height: 740 })
  await login(e2e, page, ADMIN_PHONE)
  await tapTab(page, '我的')
  await tapText(page, '管理')
  await page.waitForURL(/package-admin\/index/)
  await tapText(page, entry)
  return page
}

describe('管理, the demo administrator', () => {
  it('creates an org in the tree, moves it under another parent, and closes it with its history kept', async () => {
    const page = await openAdmin('组织架构')
    await page.waitForURL(/package-admin\/orgs/)

    // The top of the tree, a branch opened.
    await see(page, '中共西宁市律师行业委员会')
    await orgRow(page, '中共西宁市律师行业委员会').getByText('▸').click()
    await see(page, '青海昆仑律师事务所党支部')
    await screenshot(page, 'admin-org-tree')

    // 新建下级组织 under the bureau's committee.
    await orgRow(page, '中共西宁市司法局机关委员会').getByText('中共西宁市司法局机关委员会').click()
    await page.waitForURL(/package-admin\/org\/index/)
    await tapButton(page, '新建下级组织')
    await page.waitForURL(/package-admin\/org-form/)
    await see(page, '中共西宁市司法局机关委员会')
    await fill(page, 'name', '西宁市司法局第二党支部')
    await choose(page, 'kind', '党支部')
    await tapButton(page, '新建组织')
    await page.waitForURL(/package-admin\/org\/index/)
    await see(page, '西宁市司法局第二党支部')
    await see(page, '中共西宁市司法局机关委员会')

    // 调整上级组织: chosen in the tree, confirmed.
    await tapButton(page, '调整上级组织')
    await page.waitForURL(/package-admin\/org-move/)
    await see(page, '现在的上级')
    await orgRow(page, '中共西宁市律师行业委员会').waitFor()
    await settledScreenshot(page, 'admin-org-move')
    await orgRow(page, '中共西宁市律师行业委员会').locator('taro-button-core', { hasText: '选择' }).click()
    await tapModal(page, '移动')
    await page.waitForURL(/package-admin\/org\/index/)
    await see(page, '中共西宁市律师行业委员会')
    const moved = await e2e.server.deps.prisma.org.findFirstOrThrow({
      where: { name: '西宁市司法局第二党支部' },
      select: { path: true, parent: { select: { name: true } } },
    })
    expect(moved.parent?.name).toBe('中共西宁市律师行业委员会')

    // 撤销, with a reason: the org stays, marked 已撤销, its history readable.
    await settledScreenshot(page, 'admin-org-detail')
    await tapButton(page, '撤销组织')
    await fill(page, 'closeReason', '机构调整，并入机关党支部')
    await tapButton(page, '确认撤销')
    await expectToast(page, '组织已撤销')
    await see(page, '已撤销')
    await see(page, '机构调整，并入机关党支部')
    await screenshot(page, 'admin-org-closed')
    expect(await app(page).getByText('调整上级组织').locator('visible=true').count()).toBe(0)
    const closed = await e2e.server.deps.prisma.org.findFirstOrThrow({
      where: { name: '西宁市司法局第二党支部' },
      select: { closedAt: true, closedReason: true },
    })
    expect(closed.closedAt).not.toBeNull()
  })

  it('creates a village, pairs it with an org, and imports a village list from Excel', async () => {
    const page = await openAdmin('村与结对')
    await page.waitForURL(/package-admin\/villages/)
    await see(page, '良教乡前跃村')

    // 新增村: the code is checked as the server checks it.
    await tapButton(page, '新增村')
    await page.waitForURL(/package-admin\/village-form/)
    await fill(page, 'name', '新庄村')
    await fill(page, 'county', '大通县')
    await fill(page, 'township', '良教乡')
    await fill(page, 'adminCode', '6301211052')
    await tapButton(page, '新增村')
    await see(page, '行政区划代码应为 12 位数字，如 630121105201')
    await fill(page, 'adminCode', '630121105230')
    await tapButton(page, '新增村')
    await page.waitForURL(/package-admin\/village\/index/)
    await see(page, '良教乡新庄村')
    await see(page, '还没有组织与这个村结对')

    // 新增结对 with the lawyers' committee, found by name.
    await tapButton(page, '新增结对')
    await page.waitForURL(/package-admin\/pair/)
    await fill(page, 'orgSearch', '律师行业')
    await page.locator('#app input[name="orgSearch"]').press('Enter')
    await orgRow(page, '中共西宁市律师行业委员会').locator('taro-button-core', { hasText: '选择' }).click()
    await tapButton(page, '确认结对')
    await page.waitForURL(/package-admin\/village\/index/)
    await app(page).getByTestId('village-pairings').getByText('中共西宁市律师行业委员会').waitFor()
    await see(page, '结对中')
    const pairings = await e2e.server.deps.prisma.orgVillagePair.count({
      where: { village: { adminCode: '630121105230' }, org: { name: '中共西宁市律师行业委员会' }, endedOn: null },
    })
    expect(pairings).toBe(1)

    // 派驻驻村干部: 赵永平 as 第一书记, found by name.
    await tapButton(page, '派驻驻村干部')
    await page.waitForURL(/package-admin\/post/)
    await fill(page, 'personSearch', '赵永平')
    await page.locator('#app input[name="personSearch"]').press('Enter')
    await app(page).locator('.nut-cell', { hasText: '赵永平' }).locator('taro-button-core', { hasText: '选择' }).click()
    await tapText(page, '第一书记')
    await tapButton(page, '确认派驻')
    await page.waitForURL(/package-admin\/village\/index/)
    await app(page).getByTestId('village-posts').getByText('赵永平（第一书记）').waitFor()
    await settledScreenshot(page, 'admin-village')

    // 导入村名单: a file with an error is refused row by row; a good one is imported once.
    await page.goBack()
    await page.waitForURL(/package-admin\/villages/)
    await tapButton(page, '导入村名单')
    await page.waitForURL(/package-admin\/village-import/)
    const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '下载模板')])
    const template = await readFile(await download.path())
    const row = (name: string, adminCode: string) => ({
      村名: name,
      '所属县（区）': '大通县',
      '所属乡（镇）': '桥头镇',
      行政区划代码: adminCode,
    })
    await chooseXlsx(
      page,
      await villageFile(template, [row('东村', '630121100201'), row('西村', '63012110020')]),
      '村名单-有错.xlsx',
    )
    await app(page).getByTestId('import-errors').waitFor()
    await see(page, '第')
    await see(page, '有错误，不能导入')
    expect(await app(page).getByTestId('import-errors').textContent()).toContain('行政区划代码')

    await chooseXlsx(
      page,
      await villageFile(template, [row('东村', '630121100201'), row('西村', '630121100202')]),
      '村名单.xlsx',
    )
    await see(page, '共 2 个村，新增 2 个，已在台账中 0 个；错误 0 处')
    await screenshot(page, 'admin-village-import')
    await tapButton(page, '确认导入 2 个村')
    await page.waitForURL(/package-admin\/villages/)
    await see(page, '桥头镇东村')
    await screenshot(page, 'admin-villages')
    const imported = await e2e.server.deps.prisma.village.count({ where: { township: '桥头镇' } })
    expect(imported).toBe(2)
  })

  it('reads the audit log, narrows it to one person, and checks the chain', async () => {
    const page = await openAdmin('审计日志')
    await page.waitForURL(/package-admin\/audit/)
    // What the tests above did, newest first, in Chinese.
    // (Exactly: the record-type filter's options run together as text.)
    await auditEntry(page, '导入村名单').waitFor()
    await auditEntry(page, '结对帮扶').waitFor()
    await tapButton(page, '立即校验')
    // The tag alone: the section's title, 日志完整性, holds the same two characters.
    await app(page).getByTestId('chain-status').getByText('完整', { exact: true }).waitFor()
    await choose(page, 'filter-entity', '组织')
    await auditEntry(page, '撤销组织').waitFor()
    await expect.poll(() => auditEntry(page, '导入村名单').count()).toBe(0)
    await app(page).getByText('系统管理员').locator('visible=true').first().click()
    await see(page, '操作人：系统管理员 ✕')
    await settledScreenshot(page, 'admin-audit')
  })
})
