// 登记走访 in the village of 900 households with no network, after a reload, on the mini-program:
// the village's copy kept on the phone from the online visit (village-picker.ts), the phone loses
// its signal and the app starts again from cold with what the phone kept (a new realm, the same
// storage); the 850th is found in that copy by part of its 户主's name and its 户编号, a visit is
// saved to it and waits in the queue; when the signal comes back the queue sends it, once.
// The app of the steps before goes on afterwards as it was; the reloaded one is closed at the end.
import type { Db } from '../../server/db/client'
import { TARGET_CODE, TARGET_DESCRIPTION } from '../helpers/village-of-900'
import { coldStart, type Phone } from './cold-start'
import { findNode, type Node, type PageInstance, textOf } from './page-host'

type Check = (name: string, ok: boolean, detail?: string) => void
type Until = (condition: () => boolean, timeoutMs?: number) => Promise<boolean>

/** What every page says while the phone has no connection (SyncBanner's OFFLINE_TEXT). */
const OFFLINE_TEXT = '无网络，记录会在联网后自动同步'
const DIFFICULTIES = '冬季取暖用煤不足'
const QUEUE_ITEM_PREFIX = 'pdrl.offline-queue.item.'

const hasValue = (value: string) => (node: Node) => Object.values(node).includes(value)

/** The procedures waiting in the phone's queue, one storage key per item. */
const queued = (phone: Phone) =>
  [...phone.storage.entries()]
    .filter(([key]) => key.startsWith(QUEUE_ITEM_PREFIX))
    .map(([, item]) => (item as { procedure?: string }).procedure)

export const visitTheEightHundredFiftiethOffline = async ({
  phone,
  prisma,
  villageId,
  check,
  until,
}: {
  /** The phone of the online visit: what it keeps in storage is what the reload starts with. */
  phone: Phone
  prisma: Db
  villageId: string
  check: Check
  until: Until
}) => {
  const pageText = (page: PageInstance | undefined) => textOf(page?.data.root)
  const target = await prisma.household.findFirstOrThrow({ where: { villageId, code: TARGET_CODE } })
  const households = await prisma.household.count({ where: { villageId } })
  const visitsBefore = await prisma.visit.count({ where: { householdId: target.id } })

  // Kept from the online visit: the village's every household (one a line), the forms' cache.
  const copy = () => String(phone.storage.get(`pdrl.copies.village.${villageId}`) ?? '')
  check(
    `the phone keeps the village's ${households} households for use offline, the 850th among them`,
    await until(() => copy().includes(TARGET_CODE) && copy().split('\n').length === households),
    `${copy().split('\n').length} rows`,
  )
  await until(() => JSON.stringify(phone.storage.get('pdrl.offline-cache') ?? '').includes(villageId))

  // No signal; the app is started again from cold, with the storage the phone kept.
  const reloaded = await coldStart({ ...phone.launch, stored: Object.fromEntries(phone.storage), networkType: 'none' })
  const { host, realm } = reloaded
  check(
    'offline, after a reload, the 工作台 says there is no network',
    await until(() => pageText(reloaded.firstPage).includes(OFFLINE_TEXT)),
    pageText(reloaded.firstPage).slice(0, 300),
  )

  // 登记走访: the village is the secretary's only one, from the cache restored at launch.
  const form = host.navigation.navigateTo('/package-visit/form/index')
  check(
    '…登记走访 knows the village from the cache kept on the phone, and offers the household search',
    await until(() => pageText(form).includes('搜索选择困难户')),
    pageText(form).slice(0, 300),
  )
  host.tap(form, '搜索选择困难户')
  await until(() => Boolean(findNode(form.data.root, hasValue('householdId-search'))))
  const searchBox = findNode(form.data.root, hasValue('householdId-search'))
  if (searchBox?.sid) host.dispatch(form, searchBox, 'input', { value: '秀英', cursor: 2 })
  const shown = () => pageText(form).split('王秀英').length - 1
  check(
    `…typing 秀英 finds the eighteen 王秀英 in the ${households} households kept on the phone`,
    (await until(() => pageText(form).includes(`无网络：在本机保存的 ${households} 户中查找`) && shown() >= 18)) &&
      pageText(form).includes(TARGET_DESCRIPTION),
    `${shown()} shown: ${pageText(form).slice(0, 400)}`,
  )
  check(
    '…searching the copy, without asking the server (no household.search)',
    !reloaded.requests.some((r) => r.call.includes('household.search')),
    reloaded.timeline(),
  )
  host.tap(form, TARGET_DESCRIPTION)
  check(
    '…the 850th is chosen by its 户编号',
    await until(() => pageText(form).includes('更换') && pageText(form).includes(TARGET_DESCRIPTION)),
    pageText(form).slice(0, 400),
  )
  const difficulties = findNode(form.data.root, hasValue('difficulties'))
  if (difficulties?.sid) host.dispatch(form, difficulties, 'input', { value: DIFFICULTIES, cursor: 8 })
  await until(() => JSON.stringify(form.data.root).includes(DIFFICULTIES))
  host.tap(form, '保存走访记录')
  check(
    '…saving keeps the visit in the queue on the phone, not lost',
    await until(() => queued(reloaded).join() === 'visit.create'),
    JSON.stringify(queued(reloaded)),
  )
  check(
    '…and the form closes, back on the 工作台, which says it waits: 1 条记录待同步',
    await until(
      () => host.current()?.route === 'pages/home/index' && pageText(host.current()).includes('1 条记录待同步'),
    ),
    `${host.current()?.route}: ${pageText(host.current()).slice(0, 200)}`,
  )
  check(
    '…the server does not have it yet',
    (await prisma.visit.count({ where: { householdId: target.id } })) === visitsBefore,
  )

  // The signal comes back: WeChat tells the app, and the queue sends the visit by itself.
  const backAt = performance.now()
  reloaded.network.set('wifi')
  const visitsTo = () => prisma.visit.count({ where: { householdId: target.id, difficulties: DIFFICULTIES } })
  let synced = 0
  await until(() => {
    void visitsTo().then((n) => {
      synced = n
    })
    return synced >= 1 && queued(reloaded).length === 0
  }, 30_000)
  console.log(
    `  back online: the visit on the server ${Math.round(performance.now() - backAt)} ms after the network came back`,
  )
  // Time for a second sending, were there one.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  synced = await visitsTo()
  const visitsAfter = await prisma.visit.count({ where: { householdId: target.id } })
  check(
    'back online, the queue sends the visit, and the server has it exactly once',
    synced === 1 && visitsAfter === visitsBefore + 1 && queued(reloaded).length === 0,
    `${synced} with the offline visit's text, ${visitsAfter - visitsBefore} new; queue ${JSON.stringify(queued(reloaded))}`,
  )
  check(
    '…no page is updated after it has closed, on the reloaded app (setData after onUnload)',
    host.lateSetData.length === 0,
    host.lateSetData.map((s) => `${s.route}: ${s.keys.slice(0, 3).join(' ')}`).join('; '),
  )
  check(
    '…and nothing was logged as an error there, offline or back online',
    realm.logged.every((entry) => entry.level !== 'error'),
    realm.logged.map((entry) => entry.text.slice(0, 300)).join(' | '),
  )
  realm.close()
}
