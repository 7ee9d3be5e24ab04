// 发放签收表 in the browser: from the party day's 对账 page to the printable form, whose 合计 is
// the ¥44,000 handed over, printed on A4 with its column headers repeated and the app's chrome
// gone; and the 公示 version, with masked names and no 签名 column.
import { describe, expect, it } from 'vitest'
import { app, PHONES, screenshot, see, signedInPage, tapButton } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

describe('发放签收表', () => {
  it('opens from 对账 and prints on A4, then its 公示 version', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)
    const activity = await e2e.server.deps.prisma.activity.findFirstOrThrow({
      where: { heldOn: new Date('2025-01-23T00:00:00Z') },
      select: { id: true },
    })
    await page.goto(`${e2e.baseUrl}/#/package-handover/reconciliation/index?activityId=${activity.id}`)
    await tapButton(page, '打印签收表')
    await page.waitForURL(/package-handover\/sign-sheet/)
    await app(page).getByTestId('sign-sheet').waitFor()
    await see(page, '发放签收表')
    await see(page, '马德林')
    expect(await app(page).getByTestId('sign-sheet-total').textContent()).toContain('44,000.00')
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'sign-sheet-print')
    const printed = await page.evaluate(() => ({
      head: getComputedStyle(document.querySelector('.sign-table__head') as Element).display,
      chromeHidden: ['.taro-navigation-bar', 'taro-button-core'].every((selector) =>
        Array.from(document.querySelectorAll<HTMLElement>(selector)).every((el) => el.offsetParent === null),
      ),
    }))
    expect(printed).toEqual({ head: 'table-header-group', chromeHidden: true })
    await page.emulateMedia({ media: 'screen' })

    await page.goto(`${e2e.baseUrl}/#/package-handover/sign-sheet/index?activityId=${activity.id}&public=1`)
    await see(page, '发放公示表')
    await see(page, '马*林')
    const text = (await app(page).getByTestId('sign-sheet').textContent()) ?? ''
    expect(text).not.toContain('马德林')
    expect(text).not.toContain('签名')
    await screenshot(page, 'sign-sheet-public')
  })
})
