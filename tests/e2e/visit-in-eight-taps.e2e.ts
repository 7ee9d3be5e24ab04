// The routine household visit as the 前跃村 cadre does it at 360×740: from the 工作台, 马德林's
// household, 米、面、油, and a need he raised, saved in at most eight taps (a tap: each press on
// the screen, a field tapped into included; what is typed is not counted). The saved visit is then
// on the 工作台 (我最近的登记), and opens from there.
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { app, login, newPhonePage, PHONES, screenshot, see } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

/** Taps as a person does, counting each. */
const tapCounter = (page: Page) => {
  let taps = 0
  const visible = (locator: Locator) => locator.locator('visible=true').first()
  return {
    get count() {
      return taps
    },
    tap: async (locator: Locator) => {
      await visible(locator).click()
      taps += 1
    },
    /** Taps into a box and types; the typing is not a tap. */
    typeInto: async (locator: Locator, text: string) => {
      const box = visible(locator)
      await box.click()
      taps += 1
      await page.keyboard.type(text)
    },
  }
}

describe('a household visit in eight taps', () => {
  it('米、面、油 and a need for 马德林, from the 工作台, then shown there as saved', async () => {
    const page = await newPhonePage(e2e, { width: 360, height: 740 })
    await login(e2e, page, PHONES.cadre)
    await see(page, '李振华，您好')
    const taps = tapCounter(page)
    const button = (text: string) => app(page).locator('taro-button-core').filter({ hasText: text })

    await taps.tap(button('登记走访'))
    await page.waitForURL(/package-visit\/form/)
    // His one village is chosen for him: the household picker is open to it.
    await see(page, '搜索选择困难户')
    await taps.tap(app(page).locator('[data-testid="householdId-open"]'))
    await taps.tap(app(page).locator('[data-testid="householdId-option"]', { hasText: '户编号 QY-001' }))
    await taps.tap(button('+ 米面油各一'))
    await see(page, '物资合计 ¥225.00')
    await taps.tap(button('+ 记录一条诉求'))
    await taps.tap(app(page).locator('[data-testid="needs.0.category"] .filters__chip', { hasText: '医疗' }))
    await taps.typeInto(app(page).locator('.need-editor textarea'), '腿脚不便，希望联系乡卫生院上门复诊')
    await screenshot(page, 'visit-eight-taps-form')
    await taps.tap(button('保存走访记录'))

    await page.waitForURL(/pages\/home/)
    console.info(`the household visit took ${taps.count} taps`)
    expect(taps.count).toBeLessThanOrEqual(8)

    const prisma = e2e.server.deps.prisma
    const visit = await prisma.visit.findFirstOrThrow({
      where: { household: { code: 'QY-001' } },
      include: { needs: true, goods: { orderBy: { id: 'asc' } } },
      orderBy: { createdAt: 'desc' },
    })
    expect(visit.goods.map((line) => line.item).sort()).toEqual(['大米', '面粉', '食用油'].sort())
    expect(visit.needs.map((need) => need.category)).toEqual(['MEDICAL'])

    // 我最近的登记, on the 工作台 he is back on: the visit, which opens.
    const recent = app(page).locator('[data-testid="recent-records"]').locator('visible=true').first()
    await recent.waitFor()
    await expect.poll(() => recent.textContent()).toContain('登记走访')
    expect(await recent.textContent()).toContain('马德林')
    expect(await recent.textContent()).toContain('大米、面粉、食用油')
    await screenshot(page, 'visit-eight-taps-home', { fullPage: false })
    await recent.locator('.nut-cell').first().click()
    await page.waitForURL(new RegExp(`package-visit/detail/index\\?id=${visit.id}`))
    await see(page, '马德林')
  })
})
