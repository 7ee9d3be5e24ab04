// Nothing cut off or squeezed at 360 px, nor on the narrowest phones at 320 px, in normal and 长辈
// mode: the 统计 tables fit or scroll with a shadow at the edge that has more, their columns line
// up with their headers, no text ends in an ellipsis, and a row's title has the room its extra
// (a tag, a date, an amount) leaves (工作台's 待办, the lists). Every sub-page has its title bar
// and a way back.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { routes } from '../../src/lib/routes'
import { app, login, newPhonePage, PHONES, screenshot, see, tapTab } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

const WIDTHS = [320, 360] as const

/** The page's layout problems, one line each. */
const layoutProblems = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
    const problems: string[] = []
    for (const box of Array.from(document.querySelectorAll('#app [data-testid="data-table-scroll"]')).filter(shown)) {
      const style = getComputedStyle(box)
      const scrolls = box.scrollWidth > box.clientWidth + 1
      if (
        scrolls &&
        !(['auto', 'scroll'].includes(style.overflowX) && style.backgroundImage.includes('radial-gradient'))
      )
        problems.push(`table wider than its box with no scroll shadow: ${box.textContent?.slice(0, 20)}`)
      const table = box.querySelector('[role="table"]')
      const heads = Array.from(table?.querySelectorAll('[role="columnheader"]') ?? [])
      const firstRow = Array.from(table?.querySelectorAll('[role="row"]') ?? [])[1]
      const cells = Array.from(firstRow?.querySelectorAll('[role="cell"]') ?? [])
      heads.forEach((head, i) => {
        const cell = cells[i]
        if (!cell) return
        const offset = Math.abs(head.getBoundingClientRect().left - cell.getBoundingClientRect().left)
        if (offset > 1) problems.push(`column ${head.textContent} is ${Math.round(offset)} px off its header`)
      })
    }
    for (const el of Array.from(document.querySelectorAll('#app *')).filter(shown)) {
      const style = getComputedStyle(el)
      if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
        problems.push(`text cut off: ${el.textContent?.slice(0, 20)}`)
    }
    for (const cell of Array.from(document.querySelectorAll('#app .nut-cell')).filter(shown)) {
      const left = cell.querySelector('.nut-cell-left')
      const extra = cell.querySelector('.nut-cell-extra')
      if (!left || !extra || !shown(extra)) continue
      const room = cell.getBoundingClientRect().width
      const title = left.getBoundingClientRect().width
      const aside = extra.getBoundingClientRect().width
      const contents = document.createRange()
      contents.selectNodeContents(extra)
      const needed = contents.getBoundingClientRect().width
      // The extra takes what it needs (at most half); the title has the rest.
      if (aside > Math.min(needed + 16, room / 2 + 1))
        problems.push(
          `row title squeezed to ${Math.round(title)} of ${Math.round(room)} px beside ${Math.round(aside)} px for ${Math.round(needed)} px: ${left.textContent?.slice(0, 16)}`,
        )
    }
    return problems
  })

const setElderMode = async (page: Page, isOn: boolean) => {
  await page.goto(`${e2e.baseUrl}/#${routes.mine}`)
  await see(page, '长辈模式')
  const shown = (isElder: boolean) => page.locator(`#app .page${isElder ? '.elder' : ':not(.elder)'}:visible`)
  if (!(await shown(isOn).count())) await page.locator('#app .nut-switch:visible').first().click()
  await shown(isOn).first().waitFor()
}

const checkPages = async (who: 'secretary' | 'cadre', tabs: string[]) => {
  const found: string[] = []
  for (const width of WIDTHS) {
    const page = await newPhonePage(e2e, { width, height: 740 })
    await login(e2e, page, PHONES[who])
    for (const isElder of [false, true]) {
      await setElderMode(page, isElder)
      const mode = isElder ? 'elder' : 'normal'
      await page.goto(`${e2e.baseUrl}/#${routes.home}`)
      await see(page, '待办')
      await page.waitForTimeout(600)
      found.push(...(await layoutProblems(page)).map((p) => `${width} ${mode} 工作台: ${p}`))
      for (const tab of tabs) {
        await tapTab(page, tab)
        await app(page).locator('.nut-cell').locator('visible=true').first().waitFor()
        found.push(...(await layoutProblems(page)).map((p) => `${width} ${mode} ${tab}: ${p}`))
      }
      await page.goto(`${e2e.baseUrl}/#${routes.stats}`)
      await see(page, '捐赠')
      await app(page).locator('[data-testid="data-table-scroll"]').locator('visible=true').first().waitFor()
      await page.waitForTimeout(600)
      await screenshot(page, `narrow-${who}-stats-${width}-${mode}`)
      found.push(...(await layoutProblems(page)).map((p) => `${width} ${mode} 统计: ${p}`))
    }
    await setElderMode(page, false)
    await page.context().close()
  }
  console.info(found.join('\n'))
  expect(found).toEqual([])
}

describe('narrow screens', () => {
  it('the secretary’s pages at 320 and 360 px: nothing cut off or squeezed', async () => {
    await checkPages('secretary', ['主题党日', '捐赠台账'])
  })

  it('the cadre’s pages at 320 and 360 px: nothing cut off or squeezed', async () => {
    await checkPages('cadre', ['困难户', '诉求'])
  })

  it('a sub-page has its title bar and a back button; opened directly, a way home', async () => {
    const page = await newPhonePage(e2e, { width: 320, height: 640 })
    await login(e2e, page, PHONES.secretary)
    await see(page, '王建国，您好')
    const bar = page.locator('#taro-navigation-bar')
    await app(page).getByText('统计图表 ›').locator('visible=true').first().click()
    await page.waitForURL(/package-stats\/index/)
    await expect.poll(() => bar.locator('.taro-navigation-bar-title').textContent()).toBe('统计')
    const back = bar.locator('.taro-navigation-bar-back')
    expect(await back.isVisible()).toBe(true)
    const size = await back.boundingBox()
    expect(Math.min(size?.width ?? 0, size?.height ?? 0)).toBeGreaterThanOrEqual(44)
    await screenshot(page, 'title-bar-stats-320', { fullPage: false })
    await back.click()
    await page.waitForURL(/pages\/home/)
    // Opened by its address (a shared link): no page to go back to, so the bar offers home.
    await page.goto(`${e2e.baseUrl}/#${routes.dailyNeedsReport}`)
    await page.reload()
    await expect.poll(() => bar.locator('.taro-navigation-bar-title').textContent()).toBe('有诉必应日报')
    expect(await bar.locator('.taro-navigation-bar-home').isVisible()).toBe(true)
  })
})
