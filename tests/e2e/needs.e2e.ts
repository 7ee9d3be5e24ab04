// 诉求 end to end: a resident submits one from WeChat's H5; the village cadre takes it from
// received to followed-up with a satisfaction score; the resident sees every step.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { choose, fill, PHONES, screenshot, see, signedInPage, tapButton, tapContaining, tapTab } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

/** One step of the workflow: its button, what it asks for, 确认, and the status it leads to. */
const takeStep = async (page: Page, action: string, status: string, fields: Record<string, string> = {}) => {
  await tapButton(page, action)
  for (const [name, text] of Object.entries(fields)) await fill(page, name, text)
  await tapButton(page, `确认${action}`)
  await see(page, status)
}

const NEED = '家里的旱厕需要改造，冬天老人如厕不便'

describe('a resident’s need, worked by the cadre', () => {
  it('goes from received to followed up, and the resident sees it change', async () => {
    // The resident (马德林) submits.
    const resident = await signedInPage(e2e, PHONES.resident)
    await see(resident, '马德林，您好')
    await tapTab(resident, '我的诉求')
    await tapButton(resident, '提交诉求')
    await resident.waitForURL(/submit-need/)
    await tapButton(resident, '提交')
    await see(resident, '请选择诉求类别')
    await choose(resident, 'category', '住房')
    await fill(resident, 'description', NEED)
    await tapButton(resident, '提交')
    await resident.waitForURL(/package-resident\/need-detail/)
    await see(resident, '已受理')
    await screenshot(resident, 'resident-need-received')

    // The cadre (李振华) works it on the 诉求 board.
    const cadre = await signedInPage(e2e, PHONES.cadre)
    await see(cadre, '李振华，您好')
    await tapTab(cadre, '诉求')
    // The 工作台 lists the new need in 待办 too: it is tapped on the board, once the 工作台 is hidden.
    await cadre.locator('#app').getByText('李振华，您好').waitFor({ state: 'hidden' })
    await tapContaining(cadre, NEED)
    await cadre.waitForURL(/package-need\/detail/)
    await screenshot(cadre, 'cadre-need-board-detail')
    // A move the workflow does not offer is not even shown: from 已受理 only three.
    for (const action of ['直接办理', '转交责任单位', '不予受理']) await see(cadre, action)

    await tapButton(cadre, '转交责任单位')
    await tapButton(cadre, '确认转交责任单位')
    await see(cadre, '请填写责任单位')
    await fill(cadre, 'responsibleUnit', '大通县农业农村局')
    await tapButton(cadre, '确认转交责任单位')
    await see(cadre, '已转交')

    await takeStep(cadre, '开始办理', '办理中')
    await takeStep(cadre, '办结', '已办结', { note: '已纳入今年厕所革命改造计划，施工完成' })

    await tapButton(cadre, '回访')
    await cadre.locator('#app .nut-rate-item:visible').nth(4).click()
    await see(cadre, '非常满意')
    await fill(cadre, 'note', '入户回访，老人很满意')
    await tapButton(cadre, '确认回访')
    await see(cadre, '已回访')
    await see(cadre, '5 分（非常满意）')
    await screenshot(cadre, 'cadre-need-followed-up')

    // The resident sees the status change and the whole timeline.
    await resident.reload()
    await see(resident, '已回访')
    for (const step of ['已受理', '已转交', '办理中', '已办结', '已回访']) {
      expect(await resident.locator('#app .timeline__status:visible', { hasText: step }).count()).toBe(1)
    }
    await see(resident, '转交：大通县农业农村局')
    await screenshot(resident, 'resident-need-followed-up')
  })
})
