// Filling in the app's record forms as a person does, for the tests that record a party day (with
// a connection, or without one).
import type { Page } from 'playwright-core'
import { choose, fill, pick, setDate, tapButton } from './harness'

/**
 * 新建主题党日 from the home page, and the form's own fields (the 参加单位 and 缺席人员 are the
 * test's to add); held at 前跃村's village committee unless the test says otherwise.
 */
export const startPartyDay = async (
  page: Page,
  {
    village = '良教乡前跃村',
    place = '前跃村村委会',
    ...activity
  }: { theme: string; heldOn: string; village?: string; place?: string; expected: number; present: number },
) => {
  await tapButton(page, '新建主题党日')
  await page.waitForURL(/package-activity\/form/)
  await fill(page, 'theme', activity.theme)
  await setDate(page, 'heldOn', activity.heldOn)
  await choose(page, 'villageId', village)
  await fill(page, 'place', place)
  await fill(page, 'expectedCount', String(activity.expected))
  await fill(page, 'presentCount', String(activity.present))
}

/**
 * 登记走访 to a household (马德林（QY-001）: found by typing its name, chosen by its 户编号): what
 * was found, 米、面、油 in one tap each, and the cash.
 */
export const fillVisitForm = async (
  page: Page,
  visit: { household: string; health: string; living: string; difficulties: string; cashYuan: string },
) => {
  const [name = '', code = ''] = visit.household.split(/[（）]/)
  await pick(page, 'householdId', name, code)
  await fill(page, 'healthNotes', visit.health)
  await fill(page, 'livingConditions', visit.living)
  await fill(page, 'difficulties', visit.difficulties)
  for (const item of ['+ 大米', '+ 面粉', '+ 食用油']) await tapButton(page, item)
  await fill(page, 'cash', visit.cashYuan)
}
