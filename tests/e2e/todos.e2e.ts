// 待办 end to end: a resident submits a need; the village cadre finds it in 待办 on the 工作台
// (its tab badged), opens it from there and takes it up; the resident's 待办 then shows the change,
// until they open the need.
import { describe, expect, it } from 'vitest'
import { app, choose, fill, PHONES, screenshot, see, signedInPage, tapButton, tapContaining, tapTab } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile()

const NEED = '村里路灯坏了，晚上出门看不清路'

describe('待办', () => {
  it('brings a resident’s need to the cadre, and the cadre’s step back to the resident', async () => {
    const resident = await signedInPage(e2e, PHONES.resident)
    await tapTab(resident, '我的诉求')
    await tapButton(resident, '提交诉求')
    await resident.waitForURL(/submit-need/)
    await choose(resident, 'category', '其他')
    await fill(resident, 'description', NEED)
    await tapButton(resident, '提交')
    await resident.waitForURL(/package-resident\/need-detail/)
    await see(resident, '已受理')

    // The cadre's 待办 has it, and the 工作台 tab wears a badge.
    const cadre = await signedInPage(e2e, PHONES.cadre)
    const todos = app(cadre).getByTestId('todos')
    await todos.getByText('新诉求待办理：马德林').first().waitFor()
    await cadre.locator('.weui-tabbar__item').first().locator('.weui-badge').waitFor()
    await screenshot(cadre, 'cadre-todos')
    await todos.getByText(NEED.slice(0, 10), { exact: false }).first().click()
    await cadre.waitForURL(/package-need\/detail/)
    await tapButton(cadre, '直接办理')
    await tapButton(cadre, '确认直接办理')
    await see(cadre, '办结')

    // The resident's 待办 shows the change, and opening the need clears it.
    await resident.goto(`${e2e.baseUrl}/#/pages/home/index`)
    const residentTodos = app(resident).getByTestId('todos')
    await residentTodos.getByText('您的诉求正在直接办理').first().waitFor()
    await screenshot(resident, 'resident-todos')
    // Opening the need marks it read on the server; back on the 工作台 only once that is done.
    const markedSeen = resident.waitForResponse((response) => response.url().includes('todo.markNeedSeen'))
    await tapContaining(resident, '您的诉求正在直接办理')
    await resident.waitForURL(/package-resident\/need-detail/)
    await see(resident, '直接办理')
    await markedSeen
    // The 工作台 opened afresh (a reload), not by a change of address alone: that can come while
    // the router is still busy with the need's page, and leave the 工作台 hidden beneath it.
    await resident.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await resident.reload()
    await residentTodos.getByText('暂无待办').locator('visible=true').first().waitFor()
    expect(await residentTodos.getByText('您的诉求正在直接办理').count()).toBe(0)
  })
})
