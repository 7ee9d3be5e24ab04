// A village of 900 households, as two villages in three are: the resident cadre records a visit
// to the 850th by typing part of its 户主's name and telling the 王秀英 apart by 户编号, online; then
// the connection goes, the app is reloaded, and he records another visit to it the same way, from
// the households kept on the phone. Back online, both are on the server, once each.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { TARGET_CODE, TARGET_DESCRIPTION, villageOf900 } from '../helpers/village-of-900'
import { choose, fill, PHONES, pick, screenshot, searchIn, see, signedInPage, tapButton, tapTab } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

const VILLAGE_LABEL = '良教乡前跃村'
const COPIES_INDEX = 'pdrl.copies.index'

/** What the phone keeps of the village, as Taro stores it ({ data }), and its size in UTF-8 bytes. */
const keptCopy = (page: Page, villageId: string) =>
  page.evaluate((key) => {
    const raw = localStorage.getItem(key) ?? ''
    const rows = raw ? (JSON.parse(raw) as { data: string }).data.split('\n') : []
    return { raw, rows, bytes: new TextEncoder().encode(raw).length }
  }, `pdrl.copies.village.${villageId}`)

/** The offline queue as the app keeps it in storage: one key per item, in order (Taro wraps each value as { data }). */
const queuedProcedures = (page: Page) =>
  page.evaluate(() => {
    const prefix = 'pdrl.offline-queue.item.'
    const keys = Object.keys(localStorage).filter((key) => key.startsWith(prefix))
    keys.sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    return keys.map(
      (key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { data: { procedure: string } }).data.procedure,
    )
  })

const recordVisit = async (page: Page) => {
  await page.goto(`${e2e.baseUrl}/#/package-visit/form/index`)
  await choose(page, 'villageId', VILLAGE_LABEL)
  // Eighteen 王秀英: the 户编号 and 所在组 beside each tell which is which.
  const picker = await searchIn(page, 'householdId', '秀英')
  await picker.locator('[data-testid="householdId-option"]', { hasText: TARGET_CODE }).waitFor()
  expect(await picker.locator('[data-testid="householdId-option"]', { hasText: '王秀英' }).count()).toBe(18)
  await pick(page, 'householdId', '秀英', TARGET_CODE)
  await see(page, TARGET_DESCRIPTION)
  await fill(page, 'difficulties', '冬季取暖用煤不足')
  await tapButton(page, '保存走访记录')
}

describe('a village of 900 households', () => {
  it('records a visit to the 850th by part of its name, online and again offline after a reload', async () => {
    const prisma = e2e.server.deps.prisma
    const village = await prisma.village.findFirstOrThrow({ where: { name: '前跃村' } })
    await prisma.household.createMany({ data: villageOf900(village.id) })
    const target = await prisma.household.findFirstOrThrow({ where: { villageId: village.id, code: TARGET_CODE } })

    const page = await signedInPage(e2e, PHONES.cadre)
    await see(page, '李振华，您好')
    // The app shell is cached, and every household of the village kept on the phone, compactly.
    await expect
      .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), { timeout: 15_000 })
      .toBe(true)
    await expect.poll(async () => (await keptCopy(page, village.id)).raw, { timeout: 20_000 }).toContain(TARGET_CODE)
    const copy = await keptCopy(page, village.id)
    const households = await prisma.household.count({ where: { villageId: village.id } })
    expect(copy.rows).toHaveLength(households)
    // WeChat allows 1 MB under one key.
    expect(copy.bytes).toBeLessThan(150_000)
    console.log(JSON.stringify({ measure: 'offline copy', households, bytes: copy.bytes }))

    // Online: from household.search.
    await page.setViewportSize({ width: 360, height: 740 })
    await recordVisit(page)
    await expect.poll(() => prisma.visit.count({ where: { householdId: target.id } })).toBe(1)

    // Offline, after a reload: from the copy on the phone.
    const context = page.context()
    await context.setOffline(true)
    await page.reload()
    await see(page, '无网络，记录会在联网后自动同步')
    await page.goto(`${e2e.baseUrl}/#/package-visit/form/index`)
    await choose(page, 'villageId', VILLAGE_LABEL)
    await searchIn(page, 'householdId', '秀英')
    await see(page, `无网络：在本机保存的 ${households} 户中查找`)
    await screenshot(page, 'picker-offline-360')
    await recordVisit(page)
    await expect.poll(() => queuedProcedures(page)).toEqual(['visit.create'])
    expect(await prisma.visit.count({ where: { householdId: target.id } })).toBe(1)
    expect(await page.evaluate((key) => localStorage.getItem(key), COPIES_INDEX)).toContain(village.id)

    // Back online, it goes up by itself, once.
    await context.setOffline(false)
    await expect.poll(() => prisma.visit.count({ where: { householdId: target.id } }), { timeout: 30_000 }).toBe(2)
  })

  it('shows the picker at 360 × 740, its first page and what more there is', async () => {
    const page = await signedInPage(e2e, PHONES.cadre)
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(`${e2e.baseUrl}/#/package-visit/form/index`)
    await choose(page, 'villageId', VILLAGE_LABEL)
    await page.locator('#app [data-testid="householdId-open"]:visible').first().click()
    await see(page, '已显示 20 户')
    await page.screenshot({ path: 'test-results/screenshots/picker-360.png' })
    await searchIn(page, 'householdId', '秀英')
    await see(page, TARGET_DESCRIPTION)
    await page.screenshot({ path: 'test-results/screenshots/picker-search-360.png' })
  })

  it('filters the 主题党日 list by any org, found by part of its name', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)
    await tapTab(page, '主题党日')
    await page.locator('#app [data-testid="filter-org"]:visible').first().click()
    await page.waitForURL(/package-activity\/org-filter/)
    await pick(page, 'filter-org-picker', '司法局机关', '西宁市司法局机关党支部')
    await page.waitForURL(/pages\/primary/)
    await see(page, '西宁市司法局机关党支部')
  })
})
