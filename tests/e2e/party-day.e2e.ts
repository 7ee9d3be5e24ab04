// A 支部书记 records the 2025-01-23 主题党日 in the browser, as on the day: the activity with the
// bureau's branch and seven law firms' branches, two household visits with rice, flour, oil and
// cash, and the eight donations; then sees ¥44,000.00 on the activity and on the 工作台.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { LAW_FIRMS } from '../../prisma/seed/reference-data'
import { SUMMARY_SHEET } from '../../server/services/exports/donation-ledger'
import { fillVisitForm, startPartyDay } from './forms'
import { fill, PHONES, pick, screenshot, searchIn, see, signedInPage, tapButton, tapTab, tapText } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

const FIRM_CASH_YUAN = ['6000', '5000', '5000', '5000', '5000', '5000', '5000']

describe('the secretary records the party day', () => {
  it('creates the activity, logs visits and donations, and sees ¥44,000.00', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)
    await see(page, '王建国，您好')
    await screenshot(page, 'secretary-home-before')

    // The activity.
    await startPartyDay(page, {
      theme: '情系帮扶联点村 走访慰问暖民心',
      heldOn: '2025-01-23',
      expected: 20,
      present: 18,
    })
    await searchIn(page, 'participantOrgIds', '律师事务所')
    await tapText(page, '全选以下 7 个')
    await tapText(page, '完成')
    await see(page, '参加单位（已选 7 个）')
    // Two absent: the form says so until each has a reason.
    await tapButton(page, '保存')
    await see(page, '请填写 2 位缺席人员及原因（现为 0 位）')
    for (const [name, reason] of [
      ['陈志刚', '外出参加全省律师培训'],
      ['刘芳', '病假'],
    ]) {
      const names = page.locator('#app input[placeholder="姓名"]:visible')
      const rows = await names.count()
      await tapText(page, '+ 添加缺席人员')
      // Fill the new row, not the last one that was there before it rendered.
      await names.nth(rows).fill(name as string)
      await page
        .locator('#app input[placeholder="缺席原因"]:visible')
        .nth(rows)
        .fill(reason as string)
    }
    await fill(page, 'summary', '与驻村干部座谈，入户走访困难群众，送去米、面、油和慰问金。')
    await screenshot(page, 'activity-form')
    await tapButton(page, '保存')
    await page.waitForURL(/package-activity\/detail/)
    await see(page, '应到 20 人，实到 18 人')
    await see(page, '8 个')

    // Two household visits with rice, flour, oil and ¥500 each.
    for (const household of ['马德林（QY-001）', '李桂兰（QY-002）']) {
      await tapButton(page, '登记走访')
      await page.waitForURL(/package-visit\/form/)
      await fillVisitForm(page, {
        household,
        health: '身体尚可',
        living: '老人在家，子女在外务工',
        difficulties: '冬季取暖',
        cashYuan: '500',
      })
      await see(page, '物资合计 ¥225.00')
      await tapButton(page, '保存走访记录')
      await page.waitForURL(/package-activity\/detail/)
    }
    await see(page, '马德林（QY-001）')

    // The eight donations: the bureau's branch gives goods worth ¥8,000, the firms ¥36,000 in cash.
    await tapButton(page, '登记捐赠')
    await page.waitForURL(/package-donation\/form/)
    await pick(page, 'donorOrgId', '机关党支部', '西宁市司法局机关党支部')
    await tapText(page, '慰问物资')
    for (const item of ['+ 大米', '+ 面粉', '+ 食用油']) await tapButton(page, item)
    const quantities = page.locator('#app .goods-editor__qty input:visible')
    await quantities.nth(0).fill('40')
    await quantities.nth(1).fill('40')
    await quantities.nth(2).fill('20')
    await see(page, '物资合计 ¥8,000.00')
    await tapButton(page, '保存捐赠')
    await tapContinue(page)
    await tapText(page, '慰问金')
    for (const [i, firm] of LAW_FIRMS.entries()) {
      await pick(page, 'donorOrgId', firm, `${firm}党支部`)
      await fill(page, 'amount', FIRM_CASH_YUAN[i] as string)
      await tapButton(page, '保存捐赠')
      if (i < LAW_FIRMS.length - 1) await tapContinue(page)
      else await page.locator('.taro-modal__foot, .taro__modal__foot, .weui-dialog__ft').getByText('返回').click()
    }
    await page.waitForURL(/package-activity\/detail/)
    await page.reload()
    await expect
      .poll(() => page.locator('[data-testid=activity-total]:visible').first().textContent())
      .toContain('¥44,000.00')
    await screenshot(page, 'activity-detail')

    // The 工作台 adds it up too.
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await expect
      .poll(() => page.locator('[data-testid=donated-total]:visible').first().textContent())
      .toContain('¥44,000.00')
    await see(page, '情系帮扶联点村 走访慰问暖民心')
    await screenshot(page, 'secretary-home-after')

    // And the ledger, on the secretary's third tab.
    await tapTab(page, '捐赠台账')
    await expect
      .poll(() => page.locator('[data-testid=ledger-total]:visible').first().textContent())
      .toContain('¥44,000.00')
    await screenshot(page, 'donation-ledger')

    // The whole ledger as an Excel file, downloaded as a person would: ¥44,000 in its 合计 row.
    const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '导出 Excel')])
    expect(download.suggestedFilename()).toMatch(/^捐赠台账-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile(await download.path())) as never)
    const totals: ExcelJS.CellValue[][] = []
    workbook.getWorksheet(SUMMARY_SHEET)?.eachRow((row) => {
      if (row.getCell(1).value === '合计') totals.push([2, 3, 4, 5].map((c) => row.getCell(c).value))
    })
    expect(totals).toEqual([[36_000, 8_000, 44_000, 8]])
  })
})

/** "捐赠已登记" asks whether to record another: yes. */
const tapContinue = async (page: import('playwright-core').Page) => {
  await page.getByText('继续登记').last().click()
}
