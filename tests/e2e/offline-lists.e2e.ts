// With no signal, what the person saw before is still there: the secretary and the cadre look at
// the 工作台 and their lists while online, lose the connection and reload the app. Each page says
// 无网络，记录会在联网后自动同步, and shows the same totals and the same rows as before, from the copy
// kept on the phone.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { app, login, newPhonePage, PHONES, screenshot, see, tapTab } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

const OFFLINE = '无网络，记录会在联网后自动同步'

/** The page the address names (hash routing: `#/pages/…/index`); the 工作台 when it names none. */
const shownPage = (page: Page) => {
  const path = new URL(page.url()).hash.replace(/^#\/?/, '').split('?')[0] || 'pages/home/index'
  return app(page).locator(`.taro_page[id*="${path}"]`)
}

/**
 * The rows' titles on the page the address names, once it has some (a row may be drawn before its
 * text). Rows are read inside that page only: while a tab opens, the page it leaves can still be
 * drawn for a moment, and its rows must not be taken for the new page's.
 */
const rowTitles = async (page: Page): Promise<string[]> => {
  const titles = shownPage(page).locator('.nut-cell-title').locator('visible=true')
  let seen: string[] = []
  await expect
    .poll(
      async () => {
        seen = (await titles.allTextContents()).map((text) => text.trim()).filter(Boolean)
        return seen.length
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0)
  return seen
}

/** Taps a tab and waits until the address names its page. */
const openTab = async (page: Page, tab: string) => {
  const before = page.url()
  await tapTab(page, tab)
  await page.waitForURL((url) => url.href !== before)
}

/** Each tab's rows, and the 工作台's total, as seen online; then the same, offline after a reload. */
const seenOnlineThenOffline = async (who: 'secretary' | 'cadre', tabs: string[], lists: string[]) => {
  const page = await newPhonePage(e2e, { width: 360, height: 740 })
  await login(e2e, page, PHONES[who])
  await expect
    .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), { timeout: 60_000 })
    .toBe(true)
  const total = app(page).locator('[data-testid="donated-total"]').locator('visible=true').first()
  await expect.poll(() => total.textContent()).toMatch(/¥[\d,]+\.\d\d/)
  const totalOnline = await total.textContent()
  const todosOnline = await rowTitles(page)
  const seen = new Map<string, string[]>()
  for (const tab of tabs) {
    await openTab(page, tab)
    seen.set(tab, await rowTitles(page))
  }
  // Kept on the phone (written a second after each answer).
  // Taro keeps each value as { data }; the copy's entries are a string of the API's wire format.
  const kept = () =>
    page.evaluate(() => {
      const raw = localStorage.getItem('pdrl.offline-cache')
      return raw ? String((JSON.parse(raw) as { data?: { entries?: string } }).data?.entries ?? '') : ''
    })
  for (const list of lists) {
    await expect.poll(kept, { timeout: 15_000 }).toContain(`["${list.replace('.', '","')}"]`)
  }

  await page.context().setOffline(true)
  await page.reload()
  await see(page, OFFLINE)
  await tapTab(page, '工作台')
  await see(page, OFFLINE)
  await expect.poll(() => total.textContent(), { timeout: 15_000 }).toBe(totalOnline)
  expect(await rowTitles(page)).toEqual(todosOnline)
  await screenshot(page, `offline-reload-${who}-home`, { fullPage: false })
  for (const tab of tabs) {
    await openTab(page, tab)
    await see(page, OFFLINE)
    expect(await rowTitles(page), `${tab} offline`).toEqual(seen.get(tab))
    await screenshot(page, `offline-reload-${who}-${tab}`, { fullPage: false })
  }
  await page.context().close()
}

describe('offline after a reload', () => {
  it('the secretary’s 工作台, 主题党日 and 捐赠台账 are as they were', async () => {
    await seenOnlineThenOffline('secretary', ['主题党日', '捐赠台账'], ['activity.list', 'donation.list'])
  })

  it('the cadre’s 工作台, 困难户 and 诉求 are as they were', async () => {
    await seenOnlineThenOffline('cadre', ['困难户', '诉求'], ['household.list', 'need.list'])
  })
})
