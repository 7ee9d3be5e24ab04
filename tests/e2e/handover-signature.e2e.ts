// 发放签收 on a distribution day without signal, in the browser: the village's cadre records a
// handover of 慰问金 from a donation, the recipient signs on the screen, and both wait in the
// queue; a second phone, offline too, draws the same donation. Back online the first arrives
// 已签收 (signed on the phone) on the activity's 对账 page; the second is refused, and 待同步 says
// in Chinese that the donation does not hold enough: no silent overdraw.
import { describe, expect, it } from 'vitest'
import { callerFor } from '../../server/caller'
import { QUEUE_ITEM_KEY_PREFIX } from '../../src/lib/offline-queue/stored-queue'
import { cashDonationInput } from '../helpers/factories'
import { choose, fill, login, newPhonePage, PHONES, pick, screenshot, see, tapButton } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

const DONOR = '前跃村乡贤 马建福'

type Page = import('playwright-core').Page

/** The queued procedures, in queue order: one storage key each, which Taro's H5 storage wraps as { data }. */
const queuedProcedures = (page: Page) =>
  page.evaluate((prefix) => {
    const items = Object.keys(localStorage)
      .filter((key) => key.startsWith(prefix))
      .map((key) => {
        const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as { data?: { procedure?: string } } | null
        return { seq: Number(key.slice(prefix.length)), procedure: stored?.data?.procedure ?? '' }
      })
    return items.sort((a, b) => a.seq - b.seq).map((item) => item.procedure)
  }, QUEUE_ITEM_KEY_PREFIX)

/** A few strokes across the pad, as a finger (here a mouse) signs. */
const signOnPad = async (page: Page) => {
  const pad = page.locator('#app [data-testid="signature-canvas"]:visible').first()
  const box = await pad.boundingBox()
  if (!box) throw new Error('no signature pad')
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const
  await page.mouse.move(...at(0.15, 0.6))
  await page.mouse.down()
  for (let i = 1; i <= 24; i++) await page.mouse.move(...at(0.15 + i * 0.03, 0.6 - Math.sin(i / 3) * 0.25))
  await page.mouse.up()
}

/** Online first (the shell, the village's households kept on the phone), then the form. */
const openRecordForm = async (page: Page, activityId: string) => {
  await expect
    .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), { timeout: 60_000 })
    .toBe(true)
  const copies = () =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('pdrl.copies.village.'))
        .map((key) => localStorage.getItem(key) ?? '')
        .join('\n'),
    )
  await expect.poll(copies, { timeout: 60_000 }).toContain('QY-002')
  await page.goto(`${e2e.baseUrl}/#/package-handover/record/index?activityId=${activityId}`)
  await see(page, '受助人签字')
  // The activity's cash donations, to draw on.
  await page
    .locator(`#app [data-testid="donationId"] option`, { hasText: DONOR })
    .first()
    .waitFor({ state: 'attached' })
}

/** The cadre's phone, signed in; patient, as the machine running the tests may be slow. */
const phone = async () => {
  const page = await newPhonePage(e2e)
  page.setDefaultTimeout(45_000)
  await login(e2e, page, PHONES.cadre)
  return page
}

const recordHandover = async (page: Page, household: string, yuan: string, withSignature: boolean) => {
  await pick(page, 'householdId', household)
  await fill(page, 'cashFen', yuan)
  await choose(page, 'donationId', `${DONOR} ¥800.00`)
  if (withSignature) {
    await signOnPad(page)
    await tapButton(page, '确认签字')
    await see(page, '已签字 ✓')
    await screenshot(page, 'handover-record-signed', { fullPage: false })
  }
  await tapButton(page, withSignature ? '保存并签收' : '保存（待签收）')
}

describe('发放签收 offline, with the recipient’s signature', () => {
  it('syncs the signed handover to 已签收, and shows the overdrawing phone its conflict', async () => {
    const prisma = e2e.server.deps.prisma
    const activity = await prisma.activity.findFirstOrThrow({ where: { heldOn: new Date('2025-01-23') } })
    const secretary = await prisma.user.findUniqueOrThrow({ where: { phone: PHONES.secretary } })
    const donation = await (await callerFor(e2e.server.deps, secretary.id)).donation.create(
      cashDonationInput(activity.villageId ?? '', 80_000, {
        donorName: DONOR,
        activityId: activity.id,
        receivedOn: '2025-01-23',
      }),
    )

    // The first phone goes offline and records; the second, opened while the first is still
    // offline (the server has not heard of its handover), records from the same donation.
    const first = await phone()
    await openRecordForm(first, activity.id)
    await first.context().setOffline(true)
    await recordHandover(first, '李桂兰', '500', true)
    await expect.poll(() => queuedProcedures(first)).toEqual(['handover.create', 'handover.sign'])

    const second = await phone()
    await openRecordForm(second, activity.id)
    await second.context().setOffline(true)
    await recordHandover(second, '祁有才', '500', false)
    await expect.poll(() => queuedProcedures(second)).toEqual(['handover.create'])
    expect(await prisma.handoverDraw.count({ where: { donationId: donation.id } })).toBe(0)

    await first.context().setOffline(false)
    await expect.poll(() => queuedProcedures(first), { timeout: 30_000 }).toEqual([])
    await second.context().setOffline(false)
    // Refused: it stays, failed, with the server's reason.
    await second.goto(`${e2e.baseUrl}/#/package-sync/index/index`)
    await see(second, '同步失败')
    await see(second, `${DONOR}的捐款只剩 ¥300.00，不够发放 ¥500.00`)
    await screenshot(second, 'handover-overdraw-conflict')

    const draws = await prisma.handoverDraw.findMany({ where: { donationId: donation.id } })
    expect(draws.map((d) => d.amountFen)).toEqual([50_000n])
    const signed = await prisma.handover.findFirstOrThrow({
      where: { id: draws[0]?.handoverId ?? '' },
      include: { signature: true },
    })
    expect(signed).toMatchObject({ state: 'CONFIRMED', confirmation: 'PHONE_SIGNATURE' })
    expect(signed.signature?.mime).toBe('image/png')
    const kept = await e2e.server.deps.photos?.storage.get(signed.signature?.storageKey ?? '')
    expect(kept).toBeTruthy()

    // On the activity's 对账 page: the handover, 已签收, signed on the phone.
    await first.goto(`${e2e.baseUrl}/#/package-handover/reconciliation/index?activityId=${activity.id}`)
    await see(first, '发放签收记录')
    const row = first.locator('#app .nut-cell', { hasText: '李桂兰' }).filter({ hasText: '手机上签字' }).first()
    await row.waitFor()
    await expect.poll(() => row.textContent()).toContain('已签收')
    await screenshot(first, 'handover-signed-reconciliation')
  })
})
