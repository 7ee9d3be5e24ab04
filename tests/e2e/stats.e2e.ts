// The 工作台's small chart and the 统计 page's charts and tables, in the browser.
import { describe, expect, it } from 'vitest'
import { app, PHONES, screenshot, see, signedInPage, tapButton, tapText } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

const CHARTS = ['donations-by-month', 'visits-by-village', 'needs-by-status', 'needs-by-category', 'top-donors']

describe('统计', () => {
  it('draws every chart with its table, for the secretary’s scope', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)

    // 工作台: the month of the party day, as a bar.
    await app(page).getByTestId('month-bars').waitFor()
    await see(page, '2025-01')
    await screenshot(page, 'home-month-bars')

    await tapText(page, '统计图表 ›')
    await page.waitForURL(/package-stats/)
    await see(page, '每月捐赠（现金与物资）')

    for (const id of CHARTS) {
      const card = app(page).getByTestId(`chart-${id}`)
      await card.waitFor()
      // ECharts draws on a canvas; wait until something is on it.
      await page.waitForFunction((selector) => {
        const canvas = document.querySelector<HTMLCanvasElement>(`${selector} canvas`)
        const context = canvas?.getContext('2d')
        if (!canvas || !context || !canvas.width || !canvas.height) return false
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true
        return false
      }, `[data-testid="chart-${id}"]`)
    }

    // The tables say it exactly: the ¥44,000 of the story, and each of the 8 donors.
    const cells = (chart: string, row: number) =>
      app(page).getByTestId(`chart-${chart}`).getByRole('row').nth(row).getByRole('cell').allTextContents()
    expect(await cells('donations-by-month', 1)).toEqual(['2025-01', '¥36,000.00', '¥8,000.00', '¥44,000.00', '8'])
    expect(await cells('visits-by-village', 1)).toEqual(['前跃村', '5', '4', '¥2,000.00', '¥900.00'])
    expect(await app(page).getByTestId('chart-top-donors').getByRole('row').count()).toBe(1 + 8)
    await expect(app(page).getByRole('table', { name: '诉求类别（数据表）' }).isVisible()).resolves.toBe(true)
    await screenshot(page, 'stats-charts')

    // A period with nothing in it says so instead of drawing empty axes.
    await tapButton(page, '今年')
    await see(page, '所选范围内暂无数据')
  })

  it('prints the party day’s record sheet on A4, without the app’s chrome', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)
    const activity = await e2e.server.deps.prisma.activity.findFirstOrThrow({
      where: { heldOn: new Date('2025-01-23T00:00:00Z') },
      select: { id: true },
    })
    await page.goto(`${e2e.baseUrl}/#/package-activity/detail/index?id=${activity.id}`)
    await tapButton(page, '打印活动记录')
    await page.waitForURL(/package-activity\/record/)
    await see(page, '主题党日活动记录')
    await see(page, '¥44,000.00')
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'activity-record-print')
    const hidden = await page.evaluate(() =>
      ['.weui-tabbar', '.taro-navigation-bar', 'taro-button-core'].map((selector) =>
        Array.from(document.querySelectorAll<HTMLElement>(selector)).every((el) => el.offsetParent === null),
      ),
    )
    expect(hidden).toEqual([true, true, true])
    await page.emulateMedia({ media: 'screen' })
  })
})
