// What each person may see, and 长辈模式, in the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2E, fill, fontSizeOf, login, newPhonePage, screenshot, see, startE2E, tapTab } from './harness'

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e?.stop())

describe('data scope in the browser', () => {
  it('a cadre cannot see another village’s household, in the list or by its address', async () => {
    const page = await newPhonePage(e2e)
    await login(e2e, page, '13800000003')
    await tapTab(page, '困难户')
    await see(page, '马德林（QY-001）')
    expect(await page.locator('#app').getByText('何长寿').count()).toBe(0)

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

describe('长辈模式', () => {
  it('makes body text at least 18 px, and remembers the choice', async () => {
    const page = await newPhonePage(e2e)
    await login(e2e, page, '13800000004')
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
