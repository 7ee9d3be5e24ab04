// A cadre imports the roster they keep, and reads the day's 有诉必应日报, in the browser.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { fillTemplate, mergeRosters, rosterHousehold } from '../helpers/roster-import'
import { app, chooseXlsx, PHONES, screenshot, see, signedInPage, tapButton, tapTab } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

describe('导入花名册', () => {
  it('checks the file first, refuses one with errors, and imports a good one once', async () => {
    const page = await signedInPage(e2e, PHONES.cadre)
    await tapTab(page, '困难户')
    await tapButton(page, '导入花名册')
    await page.waitForURL(/package-household\/import/)

    // The template comes from the page itself.
    const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '下载模板')])
    const template = await readFile(await download.path())

    // An ID number with a wrong check digit: the row is named, and nothing can be imported.
    const good = rosterHousehold('E2E-001', 801)
    const wrongId = `${String(good.households[0]?.户主身份证号码).slice(0, 17)}${String(good.households[0]?.户主身份证号码).endsWith('0') ? '1' : '0'}`
    await chooseXlsx(
      page,
      await fillTemplate(template, rosterHousehold('E2E-001', 801, { household: { 户主身份证号码: wrongId } })),
      '花名册-有错.xlsx',
    )
    await app(page).getByTestId('import-errors').waitFor()
    await see(page, '校验位')
    await see(page, '有错误，不能导入')
    await screenshot(page, 'import-errors')

    await chooseXlsx(
      page,
      await fillTemplate(template, mergeRosters(good, rosterHousehold('E2E-002', 803))),
      '花名册.xlsx',
    )
    await see(page, '共 2 户、4 名家庭成员、2 项风险；错误 0 处')
    await tapButton(page, '确认导入 2 户')
    await screenshot(page, 'import-confirmed')
    // Back on the 困难户 list, which shows the new households.
    await see(page, '导入户主801（E2E-001）')

    const imported = await e2e.server.deps.prisma.household.count({ where: { code: { startsWith: 'E2E-' } } })
    expect(imported).toBe(2)
  })
})

describe('有诉必应日报', () => {
  it('shows today’s figures for the cadre’s village and exports them', async () => {
    const page = await signedInPage(e2e, PHONES.cadre)
    await tapButton(page, '有诉必应日报')
    await page.waitForURL(/package-report\/daily-needs/)
    // The story's needs were recorded when the server seeded it: today.
    await see(page, '共受理诉求')
    const lead = await app(page).getByTestId('report-lead').textContent()
    expect(lead).toMatch(/共受理诉求[1-9]\d*件/)
    await screenshot(page, 'daily-needs-report')

    const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '导出 Excel')])
    expect(download.suggestedFilename()).toBe(`有诉必应日报-${shanghaiDate()}.xlsx`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile(await download.path())) as never)
    const texts: string[] = []
    workbook.worksheets[0]?.eachRow((row) => {
      for (const value of (row.values as ExcelJS.CellValue[]).slice(1)) texts.push(String(value ?? ''))
    })
    expect(texts).toContain(lead?.trim())
  })
})
