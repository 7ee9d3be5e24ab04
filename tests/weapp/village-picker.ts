// 登记走访 in a village of 900 households (tests/helpers/village-of-900.ts), on the mini-program:
// the 850th household found by typing part of its 户主's name on household.search, told from the
// other seventeen 王秀英 by its 户编号 and 所在组, and a visit saved to it on the server; then the
// same offline, after a reload, from the copy of the village kept on the phone
// (village-picker-offline.ts).
import type { Db } from '../../server/db/client'
import { TARGET_CODE, TARGET_DESCRIPTION, villageOf900 } from '../helpers/village-of-900'
import type { Phone } from './cold-start'
import { findNode, type PageInstance, textOf } from './page-host'
import { visitTheEightHundredFiftiethOffline } from './village-picker-offline'

type Check = (name: string, ok: boolean, detail?: string) => void
type Until = (condition: () => boolean, timeoutMs?: number) => Promise<boolean>

export const visitTheEightHundredFiftieth = async ({
  phone,
  prisma,
  activityId,
  villageId,
  check,
  until,
}: {
  phone: Phone
  prisma: Db
  /** A party day in the village, which the form then knows the village from. */
  activityId: string
  villageId: string
  check: Check
  until: Until
}) => {
  const { host } = phone
  const pageText = (page: PageInstance | undefined) => textOf(page?.data.root)
  // The last form saved closes itself once the server has answered: back on the 工作台 first, so
  // that its closing does not take this form with it.
  await until(() => host.current()?.route === 'pages/home/index')
  await prisma.household.createMany({ data: villageOf900(villageId) })
  const target = await prisma.household.findFirstOrThrow({ where: { villageId, code: TARGET_CODE } })
  const form = host.navigation.navigateTo(`/package-visit/form/index?activityId=${activityId}`)
  await until(() => pageText(form).includes('搜索选择困难户'))
  host.tap(form, '搜索选择困难户')
  const isSearchBox = (node: Record<string, unknown>) => Object.values(node).includes('householdId-search')
  await until(() => Boolean(findNode(form.data.root, isSearchBox)))
  const searchBox = findNode(form.data.root, isSearchBox)
  if (searchBox?.sid) host.dispatch(form, searchBox, 'input', { value: '秀英', cursor: 2 })
  const shown = () => pageText(form).split('王秀英').length - 1
  check(
    'in a village of 900 households, typing 秀英 finds the eighteen 王秀英, each with its 户编号',
    (await until(() => pageText(form).includes(TARGET_DESCRIPTION))) && shown() >= 18,
    `${shown()} shown: ${pageText(form).slice(0, 300)}`,
  )
  host.tap(form, TARGET_DESCRIPTION)
  check(
    '…the 850th is chosen by its 户编号',
    await until(() => pageText(form).includes('更换') && pageText(form).includes(TARGET_DESCRIPTION)),
    pageText(form).slice(0, 400),
  )
  host.tap(form, '保存走访记录')
  let visits = 0
  await until(() => {
    void prisma.visit.count({ where: { householdId: target.id } }).then((n) => {
      visits = n
    })
    return visits === 1
  })
  check('…and a visit to it is saved on the server', visits === 1, String(visits))
  check(
    '…and the form closes, back on the 工作台',
    await until(() => host.current()?.route === 'pages/home/index'),
    String(host.current()?.route),
  )
  await visitTheEightHundredFiftiethOffline({ phone, prisma, villageId, check, until })
}
