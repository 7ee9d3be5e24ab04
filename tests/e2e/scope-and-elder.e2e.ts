// What each person may see, their privacy rights, and 长辈模式, in the browser.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { PUBLIC_ROSTER_COLUMNS, PUBLIC_ROSTER_SHEET } from '../../server/services/exports/household-roster-public'
import {
  fill,
  fontSizeOf,
  newPhonePage,
  openLogin,
  PHONES,
  screenshot,
  see,
  signedInPage,
  submitLogin,
  tapButton,
  tapTab,
} from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

describe('data scope in the browser', () => {
  it('a cadre cannot see another village’s household, in the list or by its address', async () => {
    const page = await signedInPage(e2e, PHONES.cadre)
    await tapTab(page, '困难户')
    await see(page, '马德林（QY-001）')
    expect(await page.locator('#app').getByText('何长寿').count()).toBe(0)

    // The 公示名单 for the notice board: the village's households, and nothing that identifies
    // a person beyond the name (no ID number or phone, not even masked), nor another village.
    const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '导出公示名单')])
    expect(download.suggestedFilename()).toMatch(/^困难户公示名单-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile(await download.path())) as never)
    const rows: string[][] = []
    workbook.getWorksheet(PUBLIC_ROSTER_SHEET)?.eachRow((row) => {
      rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? '')))
    })
    expect(rows[0]).toEqual(PUBLIC_ROSTER_COLUMNS.map((c) => c.header))
    expect(rows.some((row) => row.includes('马德林'))).toBe(true)
    expect(rows.some((row) => row.includes('何长寿'))).toBe(false)
    expect(rows.flat().filter((cell) => /\d{6,}|\*{3,}/.test(cell))).toEqual([])

    await fill(page, 'householdSearch', '何长寿')
    await page.locator('#app input[name="householdSearch"]:visible').press('Enter')
    await see(page, '没有找到符合条件的困难户')
    await screenshot(page, 'cadre-household-search-other-village')

    const other = await e2e.server.deps.prisma.household.findFirstOrThrow({
      where: { headName: '何长寿' },
      select: { id: true },
    })
    await page.goto(`${e2e.baseUrl}/#/package-household/detail/index?id=${other.id}`)
    await see(page, '记录不存在，或不在您的管辖范围内')
    await screenshot(page, 'cadre-household-other-village-by-url')
  })
})

describe('privacy', () => {
  it('asks for the notice until it is agreed to, signs out on declining, and records the agreement', async () => {
    const first = await newPhonePage(e2e)
    await openLogin(e2e, first)
    await submitLogin(first, PHONES.otherCadre)
    await first.waitForURL(/package-auth\/privacy/)
    await see(first, '敏感个人信息')
    await screenshot(first, 'privacy-notice')
    // Declining signs out, on the server too.
    await tapButton(first, '不同意，退出登录')
    await first.waitForURL(/login/)
    const live = await e2e.server.deps.prisma.session.count({
      where: { user: { phone: PHONES.otherCadre }, revokedAt: null },
    })
    expect(live).toBe(0)
    await submitLogin(first, PHONES.otherCadre)
    await first.waitForURL(/package-auth\/privacy/)
    await tapButton(first, '同意并继续')
    await first.waitForURL(/pages\/home/)
    const consent = await e2e.server.deps.prisma.privacyConsent.findFirstOrThrow({
      where: { user: { phone: PHONES.otherCadre } },
    })
    expect(consent).toMatchObject({ version: PRIVACY_NOTICE_VERSION, channel: 'H5' })

    const again = await newPhonePage(e2e)
    await openLogin(e2e, again)
    await submitLogin(again, PHONES.otherCadre)
    await again.waitForURL(/pages\/home/)
  })

  it('shows a resident what is held about their household, masked, with a way to correct it', async () => {
    const page = await signedInPage(e2e, PHONES.resident)
    await tapTab(page, '我的家庭')
    await see(page, '身份证号码')
    await see(page, '申请更正信息')
    const text = await page.locator('#app').textContent()
    expect(text ?? '').toMatch(/\d{6}\*{8}\d{3}[\dX]/)
    await screenshot(page, 'resident-my-household')
    await tapButton(page, '申请更正信息')
    await page.waitForURL(/submit-need/)
    expect(await page.locator('[data-testid="category"] select:visible').inputValue()).toBe('CORRECTION')
  })
})

describe('长辈模式', () => {
  it('makes body text at least 18 px, and remembers the choice', async () => {
    const page = await signedInPage(e2e, PHONES.member)
    await tapTab(page, '我的')
    const before = await fontSizeOf(page, '.nut-cell-title')
    await page.locator('#app [aria-label="长辈模式"]:visible, #app .nut-switch:visible').first().click()
    await expect.poll(() => fontSizeOf(page, '.nut-cell-title')).toBeGreaterThanOrEqual(18)
    expect(await fontSizeOf(page, '.page')).toBeGreaterThanOrEqual(18)
    expect(before).toBeLessThan(18)
    await screenshot(page, 'mine-elder-mode')
    await tapTab(page, '工作台')
    expect(await fontSizeOf(page, '.page')).toBeGreaterThanOrEqual(18)
    await page.reload()
    await expect.poll(() => fontSizeOf(page, '.page')).toBeGreaterThanOrEqual(18)
    await screenshot(page, 'home-elder-mode')
  })
})
