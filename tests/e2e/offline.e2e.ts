// A day in a village without signal, in the browser: the secretary opens the app while
// online (the service worker keeps its shell, the forms' lists are kept on the device), then loses
// the connection and records a 主题党日, two household visits — one with a photo from the
// album — and a donation. The page is reloaded with no connection: the app opens and the queue
// is still there. Back online, everything arrives once: the rows, the totals, and the stamped photo.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { fillVisitForm, startPartyDay } from './forms'
import { fill, PHONES, pick, SCREENSHOTS, screenshot, see, signedInPage, tapButton, tapTab, tapText } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

const THEME = '雪后走访 无信号也要登记'
const QUEUE_ITEM_KEY_PREFIX = 'pdrl.offline-queue.item.'

/** A plain sky-blue picture, as a camera would give (larger than the 1600 px the app keeps). */
const cameraPhoto = () =>
  sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 150, g: 190, b: 230 } } })
    .jpeg({ quality: 90 })
    .toBuffer()

/** The queue as the app keeps it in storage: one key per item, in order (Taro wraps each value as { data }). */
const queuedProcedures = (page: import('playwright-core').Page) =>
  page.evaluate((prefix) => {
    const keys = Object.keys(localStorage).filter((key) => key.startsWith(prefix))
    keys.sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    return keys.map(
      (key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { data: { procedure: string } }).data.procedure,
    )
  }, QUEUE_ITEM_KEY_PREFIX)

const logVisit = async (page: import('playwright-core').Page, household: string, withPhoto: boolean) => {
  await tapButton(page, '登记走访')
  await page.waitForURL(/package-visit\/form/)
  await see(page, THEME)
  await fillVisitForm(page, {
    household,
    health: '身体尚可',
    living: '独居，冬季取暖困难',
    difficulties: '取暖用煤不足',
    cashYuan: '500',
  })
  if (withPhoto) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tapText(page, '从相册选')])
    await chooser.setFiles({ name: 'IMG_0123.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto() })
    // Stamped and kept on the device: its thumbnail shows.
    await page.locator('#app .photo-picker__item').first().waitFor()
  }
  await tapButton(page, '保存走访记录')
  await page.waitForURL(/package-activity\/detail/)
}

describe('a day without signal', () => {
  it('records offline, survives a reload offline, and syncs each record exactly once', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)
    const context = page.context()
    await see(page, '王建国，您好')
    // Online first: the app shell is cached, and the lists the forms need are kept.
    await expect
      .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), { timeout: 15_000 })
      .toBe(true)
    // The village's households, for the household picker (lib/pickers/offline-copies.ts).
    const copies = () =>
      page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('pdrl.copies.village.'))
          .map((key) => localStorage.getItem(key) ?? '')
          .join('\n'),
      )
    await expect.poll(copies, { timeout: 15_000 }).toContain('QY-002')
    // The 工作台's figures too, to open on offline.
    const donatedTile = page.locator('#app [data-testid="donated-total"]').first()
    await expect.poll(() => donatedTile.textContent()).toMatch(/¥[\d,]+\.\d\d/)
    const donatedOnline = await donatedTile.textContent()
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('pdrl.offline-cache') ?? ''), { timeout: 15_000 })
      .toContain('totalFen')

    await context.setOffline(true)
    await see(page, '无网络，记录会在联网后自动同步')

    // The activity.
    await startPartyDay(page, { theme: THEME, heldOn: '2025-02-20', expected: 12, present: 12 })
    await tapButton(page, '保存')
    await page.waitForURL(/pages\/home/)
    await see(page, '1 条记录待同步，联网后自动同步')

    // It is first in 主题党日, marked 未同步, and opens from the queue.
    await tapTab(page, '主题党日')
    await see(page, THEME)
    await see(page, '未同步')
    await tapText(page, THEME)
    await page.waitForURL(/package-activity\/detail/)
    await see(page, '良教乡前跃村 · 前跃村村委会')

    await logVisit(page, '马德林（QY-001）', true)
    await logVisit(page, '李桂兰（QY-002）', false)

    await tapButton(page, '登记捐赠')
    await page.waitForURL(/package-donation\/form/)
    await pick(page, 'donorOrgId', '机关党支部', '西宁市司法局机关党支部')
    await fill(page, 'amount', '3000')
    await tapButton(page, '保存捐赠')
    await page.locator('.taro-modal__foot, .taro__modal__foot, .weui-dialog__ft').getByText('返回').click()
    await page.waitForURL(/package-activity\/detail/)
    await see(page, '走访 2 条，捐赠 1 笔（现金 ¥3,000.00）')
    // Each is listed, named from the lists kept on the phone.
    await see(page, '李桂兰（QY-002）')
    await see(page, '西宁市司法局机关党支部')
    await screenshot(page, 'offline-activity-pending')

    const queued = ['activity.create', 'visit.create', 'photo.upload', 'visit.create', 'donation.create']
    expect(await queuedProcedures(page)).toEqual(queued)

    // Reloaded with no connection: the app opens from the service worker's cache, the queue is there.
    await page.reload()
    await page.goto(`${e2e.baseUrl}/#/package-sync/index/index`)
    await see(page, '新建主题党日')
    await see(page, '上传照片')
    expect(await queuedProcedures(page)).toEqual(queued)
    await screenshot(page, 'offline-sync-page')
    expect(await e2e.server.deps.prisma.activity.count({ where: { theme: THEME } })).toBe(0)
    // The 工作台 opens on the figures it last had.
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await expect.poll(() => donatedTile.textContent(), { timeout: 15_000 }).toBe(donatedOnline)

    // Back online: it syncs by itself.
    await context.setOffline(false)
    await expect.poll(() => queuedProcedures(page), { timeout: 30_000 }).toEqual([])
    await screenshot(page, 'offline-sync-done')

    const prisma = e2e.server.deps.prisma
    const activity = await prisma.activity.findFirstOrThrow({
      where: { theme: THEME },
      include: { visits: { include: { photos: true } }, donations: true },
    })
    expect(await prisma.activity.count({ where: { theme: THEME } })).toBe(1)
    expect(activity.visits).toHaveLength(2)
    expect(activity.donations.map((d) => d.amountFen)).toEqual([300_000n])
    const visitCash = activity.visits.map((v) => v.cashFen).sort()
    expect(visitCash).toEqual([50_000n, 50_000n])
    const photos = activity.visits.flatMap((v) => v.photos)
    expect(photos).toHaveLength(1)
    const [photo] = photos
    // Kept at 1600 px on the long side, with the stamp drawn into the pixels.
    expect(photo).toMatchObject({ width: 1600, height: 1200, mime: 'image/jpeg' })
    const stream = await e2e.server.deps.photos?.storage.get(photo?.storageKey ?? '')
    const chunks: Buffer[] = []
    for await (const chunk of stream ?? []) chunks.push(chunk as Buffer)
    const stored = Buffer.concat(chunks)
    await writeFile(path.join(SCREENSHOTS, 'offline-photo.jpg'), stored)
    // The band's right end, clear of the text: sky dimmed by the band's 38 % black.
    const brightness = async (top: number) => {
      const pixels = await sharp(stored)
        .extract({ left: 1300, top, width: 300, height: 30 })
        .greyscale()
        .raw()
        .toBuffer()
      return pixels.reduce((sum, value) => sum + value, 0) / pixels.length
    }
    const sky = await brightness(100)
    expect(await brightness(1160)).toBeLessThan(sky * 0.75)

    // And the 工作台 counts them once.
    await page.goto(`${e2e.baseUrl}/#/package-activity/detail/index?id=${activity.id}`)
    await expect
      .poll(() => page.locator('[data-testid=activity-total]:visible').first().textContent())
      .toContain('¥3,000.00')
    await see(page, '马德林（QY-001）')
  })
})
