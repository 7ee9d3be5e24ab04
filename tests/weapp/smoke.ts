// The built mini-program (dist/weapp) run as WeChat runs it, in a realm holding only WeChat's
// globals (realm.ts), with WeChat's page stack (page-host.ts) and `wx` made real where the app
// depends on it (wx-stand-in.ts): wx.request to the real server on a fresh embedded database,
// wx.login answered by the local WeChat stand-in. It proves the bundle runs as a phone runs it
// (ES5, no web or Node global), that a signed-in cold start shows the 工作台's figures at once, that
// its pages render and save real data, that no page is updated after it has closed, and that no API
// WeChat has deprecated is called.
//
// Usage: tsx tests/weapp/smoke.ts [--report <file.json>]   (after `npm run build:weapp`)
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { parse } from '../../common/wire-format'
import { DEMO_RESIDENT_OPENID } from '../../prisma/seed/reference-data'
import { createPrismaClient, type Db } from '../../server/db/client'
import { createFieldCrypto } from '../../server/lib/field-crypto'
import { queueReminders } from '../../server/services/notices/queue-reminders'
import { sendDueNotices } from '../../server/services/notices/send-notices'
import { DEFAULT_REMINDER_FIELDS, parseFieldMapping, REMINDER_VALUES } from '../../server/services/notices/templates'
import { createAccessTokens } from '../../server/services/notices/wechat-api'
import { personaOf } from '../../src/lib/roles'
import { STAND_IN_APPID, STAND_IN_SECRET, startWeChatStandIn, type WeChatStandIn } from '../helpers/wechat-stand-in'
import {
  embeddedDatabaseUrl,
  type ServerProcess,
  startServerProcess,
  stopLeftovers,
} from '../reliability/server-process'
import { coldStart, type Phone } from './cold-start'
import { elderModeAtStart, isElderPage } from './font-setting'
import { findNode, type PageInstance, textOf } from './page-host'
import { signOnThePad } from './signature-pad'
import { visitTheEightHundredFiftieth } from './village-picker'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DIST = path.join(ROOT, 'dist/weapp')
const PASSWORD = 'weapp-smoke-password'
/** From the first line of app.js running to the 工作台's figures on screen, with the API on loopback. */
const FIRST_SCREEN_BUDGET_MS = 500
const COLD_START_TRIES = 3
/** The reminder template the server is configured with (WECHAT_TEMPLATE_REMINDER). */
const REMINDER_TEMPLATE = 'tmpl-smoke-reminder-01'

const checks: { name: string; ok: boolean; detail?: string }[] = []
const check = (name: string, ok: boolean, detail?: string) => {
  checks.push({ name, ok, detail })
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`)
}

const until = async (condition: () => boolean, timeoutMs = 15_000) => {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}

const main = async () => {
  const reportAt = process.argv.indexOf('--report')
  const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-weapp-'))
  const wechat = await startWeChatStandIn()
  // The API in a process of its own, as a phone meets it: its work does not hold up the app's.
  let server: ServerProcess | undefined
  let prisma: Db | undefined
  try {
    server = await startServerProcess({
      DATA_DIR: dataDir,
      SEED_DEMO_PASSWORD: PASSWORD,
      WECHAT_APPID: STAND_IN_APPID,
      WECHAT_SECRET: STAND_IN_SECRET,
      WECHAT_API_BASE: wechat.apiBase,
      WECHAT_TEMPLATE_REMINDER: REMINDER_TEMPLATE,
      // The reminder scan and the sender are run below, at the moment the check needs them.
      REMINDER_SCAN_SCHEDULE: 'off',
      NOTICE_SEND_SCHEDULE: 'off',
    })
    prisma = createPrismaClient({ url: embeddedDatabaseUrl(dataDir), poolSize: 2 })
    // In the story 马德林 agreed to the notice long ago; here he meets it for the first time.
    await prisma.privacyConsent.deleteMany({ where: { user: { openid: DEMO_RESIDENT_OPENID } } })
    await runMiniProgram(server.url, prisma, dataDir, wechat)
  } finally {
    await prisma?.$disconnect()
    await stopLeftovers(server, dataDir)
    await wechat.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  const failed = checks.filter((c) => !c.ok).length
  console.log(`${checks.length - failed} passed, ${failed} failed`)
  if (reportFile) {
    await writeFile(
      reportFile,
      JSON.stringify({ numPassedTests: checks.length - failed, numFailedTests: failed, success: !failed, checks }),
    )
  }
  process.exit(failed ? 1 : 0)
}

/** One tRPC call to the server as the app makes it (POST, the wire format), outside the app. */
const callApi = async <T>(serverUrl: string, procedure: string, input: unknown, token?: string): Promise<T> => {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input ?? { $undefined: true }),
  })
  return parse<{ result: { data: T } }>(await response.text()).result.data
}

const runMiniProgram = async (serverUrl: string, prisma: Db, scratch: string, wechat: WeChatStandIn) => {
  // The branch secretary, signed in on this phone before (the session keeps whose it is and the
  // persona the 工作台 was arranged for), agreed to the privacy notice long ago.
  const login = await callApi<{ token: string; expiresAt: Date; user: { id: string; roles: string[] } }>(
    serverUrl,
    'auth.loginWithPassword',
    { phone: '13800000002', password: PASSWORD },
  )
  await callApi(serverUrl, 'auth.agreePrivacy', { version: PRIVACY_NOTICE_VERSION, channel: 'WECHAT' }, login.token)
  const secretarySession = {
    token: login.token,
    expiresAt: login.expiresAt.toISOString(),
    userId: login.user.id,
    persona: personaOf(login.user.roles as Parameters<typeof personaOf>[0]),
  }
  // The server has answered this before (a phone's cold start meets a server that is running):
  // what is timed below is the app's start, not the database's first query.
  await callApi(serverUrl, 'stats.summary', { top: 5 }, login.token)

  // Cold start on the 工作台. The machine is shared, so a start over budget is tried again, up to
  // COLD_START_TRIES in all, each on a fresh phone; what the budget guards against (a request
  // failing and waiting out its retries: figures at 1–3 s) is over budget every time.
  const starts: { ms: number | undefined; timeline: string }[] = []
  let phone: Phone | undefined
  while (
    starts.length < COLD_START_TRIES &&
    (starts.length === 0 || (starts.at(-1)?.ms ?? Infinity) > FIRST_SCREEN_BUDGET_MS)
  ) {
    phone = await coldStart({
      dist: DIST,
      serverUrl,
      files: path.join(scratch, `phone-${starts.length + 1}`),
      stored: { 'pdrl.session': secretarySession },
      launchPage: 'pages/home/index',
    })
    if (!phone.firstPage) break
    const shownAt = await phone.host.whenShown(phone.firstPage, '¥44,000.00')
    starts.push({
      ms: shownAt === undefined ? undefined : Math.round(shownAt - phone.launchedAt),
      timeline: phone.timeline(),
    })
    console.log(
      `  cold start ${starts.length}: figures at ${starts.at(-1)?.ms ?? '—'} ms (requests: ${phone.timeline()})`,
    )
  }
  check('app.js loads and calls App()', Boolean(phone?.host.app()))
  if (!phone?.firstPage) return
  const { realm, host } = phone
  const home = phone.firstPage
  const pageText = (page: PageInstance | undefined) => textOf(page?.data.root)
  const onPage = (route: string) => until(() => host.current()?.route === route)
  check('the AbortController polyfill installed itself', realm.evaluate('typeof AbortController') === 'function')
  // 长辈模式 follows WeChat's font setting until the person chooses on 我的.
  let fontStarts = 0
  const fontStart = (fontSizeSetting: number, stored: Record<string, unknown>) =>
    elderModeAtStart({
      dist: DIST,
      serverUrl,
      files: path.join(scratch, `phone-font-${++fontStarts}`),
      fontSizeSetting,
      stored,
    })
  const larger = await fontStart(20, { 'pdrl.session': secretarySession })
  check(
    'WeChat set to a larger font: the 工作台 opens in 长辈模式',
    larger.isShown && larger.isElder,
    JSON.stringify(larger),
  )
  check('…at the standard size it does not', !isElderPage(home))
  const declined = await fontStart(20, { 'pdrl.session': secretarySession, 'pdrl.elderMode': 'off' })
  check(
    '…and a choice made on 我的 wins over the setting',
    declined.isShown && !declined.isElder,
    JSON.stringify(declined),
  )
  check(
    `a signed-in cold start shows the 工作台's figures (¥44,000.00 donated) within ${FIRST_SCREEN_BUDGET_MS} ms`,
    starts.some((start) => start.ms !== undefined && start.ms <= FIRST_SCREEN_BUDGET_MS),
    starts.map((start) => `${start.ms ?? 'never'} ms (${start.timeline})`).join('; '),
  )
  // The launch prefetch sends its three calls in one request as app.js runs (src/lib/launch-batch.ts).
  const calls = phone.requests.map((r) => r.call.replace('POST /trpc/', ''))
  check(
    '…its data asked for by the launch prefetch, in one request, each once',
    calls.includes('auth.me,stats.summary,need.list') &&
      calls.filter((call) => call.includes('stats.summary')).length === 1,
    phone.timeline(),
  )
  check('…and the party day among recent activities', pageText(home).includes('情系帮扶联点村 走访慰问暖民心'))

  // 统计: the charts (ECharts on a canvas 2d, sized from the window's pixel ratio) and their tables.
  const stats = host.navigation.navigateTo('/package-stats/index/index')
  check(
    '统计 shows its charts’ tables',
    await until(() => pageText(stats).includes('每月捐赠（现金与物资）') && pageText(stats).includes('¥44,000.00')),
    pageText(stats).slice(0, 300),
  )
  host.navigation.navigateBack()

  // 管理 → 组织架构 (its own subpackage) as the secretary: his tree starts at his own branch.
  const orgTree = host.navigation.navigateTo('/package-admin/orgs/index')
  check(
    '组织架构 shows the secretary his own branch, from org.tree',
    await until(() => pageText(orgTree).includes('西宁市司法局机关党支部')),
    pageText(orgTree).slice(0, 300),
  )
  check('…and not the other orgs of the tree', !pageText(orgTree).includes('中共西宁市律师行业委员会'))
  host.navigation.navigateBack()

  // 登记走访 with a photo from the album: compressed to 1600 px, stamped, kept in the app's files,
  // and uploaded by the queue with wx.uploadFile after the visit itself.
  const household = await prisma.household.findFirstOrThrow({ where: { code: 'QY-001' } })
  const partyDay = await prisma.activity.findFirstOrThrow({ where: { theme: '情系帮扶联点村 走访慰问暖民心' } })
  const visitForm = host.navigation.navigateTo(
    `/package-visit/form/index?activityId=${partyDay.id}&householdId=${household.id}`,
  )
  check(
    '登记走访 offers 拍照 and 从相册选',
    await until(() => pageText(visitForm).includes('从相册选')),
    pageText(visitForm).slice(0, 300),
  )
  // The household, and the activity whose theme the photo is stamped with (the village may be
  // known first, from the person's one village, and the household shown before the activity).
  await until(() => pageText(visitForm).includes('马德林') && pageText(visitForm).includes(partyDay.theme))
  host.tap(visitForm, '从相册选')
  check(
    '…compresses the photo to 1600 px on the long side, with Taro.compressImage',
    await until(() => phone.compressed.length === 1),
    JSON.stringify(phone.compressed),
  )
  check(
    '…with compressedWidth 1600',
    phone.compressed[0]?.compressedWidth === 1600,
    JSON.stringify(phone.compressed[0]),
  )
  check(
    '…stamps it on the canvas: time, village, theme, who took it',
    (await until(() => phone.stamped.some((t) => t.startsWith('拍摄：')))) &&
      phone.stamped.includes('主题：情系帮扶联点村 走访慰问暖民心') &&
      phone.stamped.includes('地点：良教乡前跃村') &&
      phone.stamped.includes('拍摄：王建国'),
    phone.stamped.join(' | '),
  )
  // The folder appears with the first photo: until then, nothing is kept (polled before it exists).
  const photoDir = path.join(scratch, `phone-${starts.length}`, 'user', 'photos')
  const kept = () => (existsSync(photoDir) ? readdirSync(photoDir) : [])
  check('…and keeps it in the app’s own files', await until(() => kept().length === 1), String(kept()))
  const photosBefore = await prisma.photo.count()
  host.tap(visitForm, '保存走访记录')
  check(
    'saving sends the visit, then the photo with wx.uploadFile',
    await until(() => phone.uploads.some((u) => u.startsWith('/uploads/photo?visitId='))),
    `${phone.requests
      .slice(-5)
      .map((r) => r.call)
      .join(', ')} | ${phone.uploads.join(', ')}`,
  )
  let photosAfter = photosBefore
  await until(() => {
    void prisma.photo.count().then((n) => {
      photosAfter = n
    })
    return photosAfter === photosBefore + 1
  })
  check(
    '…the server keeps it, once, on the new visit',
    photosAfter === photosBefore + 1,
    `${photosAfter - photosBefore}`,
  )
  check('…and the device’s copy is removed once it is up', await until(() => kept().length === 0), String(kept()))
  check('…and the form closes, back on the 工作台', await onPage('pages/home/index'), phone.navigations.join(', '))

  // 登记走访 from the party day, the household found by typing part of its 户主's name.
  const liGuilan = await prisma.household.findFirstOrThrow({ where: { code: 'QY-002' } })
  const visitsBefore = await prisma.visit.count({ where: { householdId: liGuilan.id } })
  const searchForm = host.navigation.navigateTo(`/package-visit/form/index?activityId=${partyDay.id}`)
  check(
    '登记走访 offers the household search once the village is known',
    await until(() => pageText(searchForm).includes('搜索选择困难户')),
    pageText(searchForm).slice(0, 300),
  )
  host.tap(searchForm, '搜索选择困难户')
  const isSearchBox = (node: Record<string, unknown>) => Object.values(node).includes('householdId-search')
  await until(() => Boolean(findNode(searchForm.data.root, isSearchBox)))
  const searchBox = findNode(searchForm.data.root, isSearchBox)
  check('…opens a search box', Boolean(searchBox?.sid), pageText(searchForm).slice(0, 300))
  if (searchBox?.sid) host.dispatch(searchForm, searchBox, 'input', { value: '桂兰', cursor: 2 })
  check(
    '…finds 李桂兰 by part of her name, with her 户编号, on household.search',
    (await until(() => pageText(searchForm).includes('户编号 QY-002'))) &&
      phone.requests.some((r) => r.call.includes('household.search')),
    pageText(searchForm).slice(0, 400),
  )
  host.tap(searchForm, '李桂兰')
  check(
    '…and shows the choice with its 户编号',
    await until(() => pageText(searchForm).includes('更换') && pageText(searchForm).includes('QY-002')),
    pageText(searchForm).slice(0, 400),
  )
  host.tap(searchForm, '保存走访记录')
  let visitsAfter = visitsBefore
  await until(() => {
    void prisma.visit.count({ where: { householdId: liGuilan.id } }).then((n) => {
      visitsAfter = n
    })
    return visitsAfter === visitsBefore + 1
  })
  check('…and saves a visit to her household', visitsAfter === visitsBefore + 1, `${visitsAfter - visitsBefore}`)

  // The same in a village of 900 households, the 850th, online and offline after a reload (village-picker.ts).
  await visitTheEightHundredFiftieth({
    phone,
    prisma,
    activityId: partyDay.id,
    villageId: liGuilan.villageId,
    check,
    until,
  })

  // 请受助人签字: 李桂兰 signs for a handover on the pad, by touch (signature-pad.ts).
  const toSign = await callApi<{ id: string }>(
    serverUrl,
    'handover.create',
    { recipientKind: 'HOUSEHOLD', householdId: liGuilan.id, handedOverOn: '2025-01-23', cashFen: 10_000 },
    login.token,
  )
  await signOnThePad({ phone, prisma, photoDir: path.join(scratch, 'photos'), handoverId: toSign.id, check, until })

  // 登录: signed out, one tap with WeChat, through wx.login, the server and the WeChat stand-in.
  phone.storage.delete('pdrl.session')
  host.navigation.reLaunch('/package-auth/login/index')
  const loginPage = host.current()
  check(
    '登录 renders the WeChat one-tap button',
    await until(() => pageText(loginPage).includes('微信一键登录')),
    pageText(loginPage).slice(0, 200),
  )
  if (loginPage) host.tap(loginPage, '微信一键登录')
  const session = () => phone.storage.get('pdrl.session') as { token?: string } | undefined
  check(
    'WeChat login stores a session from the real server',
    await until(() => Boolean(session()?.token)),
    phone.requests.map((r) => r.call).join(', '),
  )
  check(
    '…through tRPC over wx.request',
    phone.requests.some((r) => r.call.includes('/trpc/auth.loginWithWeChat')),
    phone.requests.map((r) => r.call).join(', '),
  )

  // 个人信息保护说明: a first sign-in goes there, and WeChat's own agree button records consent.
  check(
    'a first sign-in opens the privacy notice',
    await onPage('package-auth/privacy/index'),
    phone.navigations.join(', '),
  )
  const privacy = host.current()
  check(
    '个人信息保护说明 renders',
    await until(() => pageText(privacy).includes('敏感个人信息')),
    pageText(privacy).slice(0, 200),
  )
  const agreeButton = findNode(privacy?.data.root, (node) =>
    Object.values(node).some((value) => value === 'agreePrivacyAuthorization'),
  )
  check("…with WeChat's agreePrivacyAuthorization button", Boolean(agreeButton?.sid))
  if (privacy && agreeButton?.sid) host.dispatch(privacy, agreeButton, 'agreeprivacyauthorization')
  check(
    'agreeing there records consent on the server',
    await until(() => phone.requests.some((r) => r.call.includes('/trpc/auth.agreePrivacy'))),
    phone.requests.map((r) => r.call).join(', '),
  )

  // 工作台 as the resident 马德林: his own need, from the API.
  check('…and opens the 工作台', await onPage('pages/home/index'), phone.navigations.join(', '))
  const residentHome = host.current()
  check(
    '工作台 greets the resident and lists his need from the API',
    await until(() => pageText(residentHome).includes('希望组织村里老年人上门健康体检')),
    pageText(residentHome).slice(0, 300),
  )
  check('…by name', pageText(residentHome).includes('马德林，您好'))

  // 我的发放签收: a new handover to his household waits for him; he taps 确认收到.
  const maHousehold = await prisma.household.findFirstOrThrow({ where: { code: 'QY-001' } })
  const toConfirm = await callApi<{ id: string }>(
    serverUrl,
    'handover.create',
    { recipientKind: 'HOUSEHOLD', householdId: maHousehold.id, handedOverOn: '2025-02-01', cashFen: 20_000 },
    login.token,
  )
  const receipts = host.navigation.navigateTo('/package-resident/handovers/index')
  check(
    '我的发放签收 lists the handover 待签收, with 确认收到',
    await until(() => pageText(receipts).includes('确认收到') && pageText(receipts).includes('¥200.00')),
    pageText(receipts).slice(0, 300),
  )
  host.tap(receipts, '确认收到')
  let confirmedState = ''
  await until(() => {
    void prisma.handover
      .findUnique({ where: { id: toConfirm.id }, select: { state: true, confirmation: true } })
      .then((h) => {
        confirmedState = `${h?.state} ${h?.confirmation}`
      })
    return confirmedState === 'CONFIRMED RESIDENT'
  })
  check('…and his 确认收到 marks it 已签收 in WeChat', confirmedState === 'CONFIRMED RESIDENT', confirmedState)
  host.navigation.navigateBack()

  // 使用邀请码: a cadre the administrator created and invited scans the QR code with WeChat, which
  // opens the mini-program on the invitation page with the code's link (`q`); he signs in with
  // WeChat there, which binds his WeChat to the account; from then on WeChat login opens it.
  const admin = await callApi<{ token: string }>(serverUrl, 'auth.loginWithPassword', {
    phone: '13800000001',
    password: PASSWORD,
  })
  const branch = await prisma.org.findFirstOrThrow({ where: { name: '西宁市司法局机关党支部' } })
  const qianyue = await prisma.village.findFirstOrThrow({ where: { name: '前跃村' } })
  const made = await callApi<{ user: { id: string } }>(
    serverUrl,
    'user.create',
    {
      displayName: '孙晓东',
      phone: '13700009999',
      roles: [{ orgId: branch.id, role: 'CADRE', title: '驻村工作队员' }],
      posts: [{ villageId: qianyue.id, post: '驻村工作队员' }],
    },
    admin.token,
  )
  const invitation = await callApi<{ link: string; formattedCode: string }>(
    serverUrl,
    'invitation.create',
    { userId: made.user.id },
    admin.token,
  )
  phone.storage.delete('pdrl.session')
  phone.wechatUser.openid = 'o-smoke-invited-cadre'
  host.navigation.reLaunch(`/package-auth/invitation/index?q=${encodeURIComponent(invitation.link)}`)
  const invited = host.current()
  check(
    '使用邀请码 opens with the code from the scanned link',
    (await until(() => pageText(invited).includes('微信登录并绑定'))) &&
      JSON.stringify(invited?.data.root).includes(invitation.formattedCode),
    pageText(invited).slice(0, 300),
  )
  if (invited) host.tap(invited, '微信登录并绑定')
  const bound = () => (session() as { userId?: string } | undefined)?.userId === made.user.id
  check(
    '…signs in with WeChat and binds it to the invited account, through invitation.accept',
    (await until(bound)) && phone.requests.some((r) => r.call.includes('/trpc/invitation.accept')),
    phone.requests
      .slice(-4)
      .map((r) => r.call)
      .join(', '),
  )
  const cadre = await prisma.user.findUniqueOrThrow({ where: { id: made.user.id } })
  check('…the account now holds that WeChat', cadre.openid === 'o-smoke-invited-cadre', String(cadre.openid))
  check(
    '…and the app goes on to the privacy notice (his first sign-in)',
    await onPage('package-auth/privacy/index'),
    phone.navigations.join(', '),
  )
  // He agrees there, as everyone does on a first sign-in, and the app opens his 工作台.
  const cadrePrivacy = host.current()
  await until(() => pageText(cadrePrivacy).includes('敏感个人信息'))
  const cadreAgree = findNode(cadrePrivacy?.data.root, (node) =>
    Object.values(node).some((value) => value === 'agreePrivacyAuthorization'),
  )
  if (cadrePrivacy && cadreAgree?.sid) host.dispatch(cadrePrivacy, cadreAgree, 'agreeprivacyauthorization')
  check('…and, once he agrees, his 工作台', await onPage('pages/home/index'), phone.navigations.join(', '))

  // Later: 微信一键登录 opens the cadre's account.
  phone.storage.delete('pdrl.session')
  host.navigation.reLaunch('/package-auth/login/index')
  const again = host.current()
  await until(() => pageText(again).includes('微信一键登录'))
  if (again) host.tap(again, '微信一键登录')
  check('WeChat login now opens the invited cadre’s account', await until(bound))

  // 我的 → 开启待办提醒, as that cadre: WeChat asks once, the grant is recorded, and the reminder
  // scan and the sender (as the server's scheduled jobs run them) send him exactly one message.
  await onPage('pages/home/index')
  const mine = host.navigation.switchTab('/pages/mine/index')
  check(
    '我的 offers the cadre 开启待办提醒',
    await until(() => pageText(mine).includes('开启待办提醒')),
    pageText(mine).slice(0, 300),
  )
  host.tap(mine, '开启待办提醒')
  check(
    '…which asks WeChat for the reminder template, once',
    (await until(() => phone.subscribeAsks.length === 1)) && phone.subscribeAsks[0]?.join() === REMINDER_TEMPLATE,
    JSON.stringify(phone.subscribeAsks),
  )
  let grants = 0
  await until(() => {
    void prisma.noticeGrant.count({ where: { userId: made.user.id, templateId: REMINDER_TEMPLATE } }).then((n) => {
      grants = n
    })
    return grants === 1
  })
  check(
    '…and records one grant through notice.recordGrants',
    grants === 1 && phone.requests.some((r) => r.call.includes('notice.recordGrants')),
    String(grants),
  )
  const reminders = {
    db: prisma,
    // The 待办 sources read no encrypted field.
    crypto: createFieldCrypto(randomBytes(32)),
    log: pino({ level: 'silent' }),
    templates: {
      needStatus: null,
      reminder: { templateId: REMINDER_TEMPLATE, fields: parseFieldMapping(DEFAULT_REMINDER_FIELDS, REMINDER_VALUES) },
    },
  }
  const wechatConfig = { appId: STAND_IN_APPID, secret: STAND_IN_SECRET, apiBase: wechat.apiBase }
  const send = () =>
    sendDueNotices({ db: prisma, wechat: wechatConfig, tokens: createAccessTokens(wechatConfig), log: reminders.log })
  const queued = await queueReminders(reminders)
  await send()
  // Run again, as the next hour's scan and the next minute's sender would: the grant is spent.
  const queuedAgain = await queueReminders(reminders)
  await send()
  const message = wechat.messages[0]
  check(
    'the WeChat stand-in receives exactly one reminder, to the cadre, with the reminder template',
    queued.queued === 1 &&
      queuedAgain.queued === 0 &&
      wechat.messages.length === 1 &&
      message?.touser === 'o-smoke-invited-cadre' &&
      message.template_id === REMINDER_TEMPLATE &&
      message.page.startsWith('package-'),
    `${JSON.stringify({ queued, queuedAgain })} ${JSON.stringify(wechat.messages)}`,
  )

  // What a phone would have complained about along the way.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  check(
    'no page is updated after it has closed (setData after onUnload)',
    host.lateSetData.length === 0,
    host.lateSetData.map((s) => `${s.route}: ${s.keys.slice(0, 3).join(' ')}`).join('; '),
  )
  check('no API WeChat has deprecated is called', phone.deprecatedCalls.length === 0, phone.deprecatedCalls.join('; '))
  check(
    'nothing was logged as an error',
    realm.logged.every((entry) => entry.level !== 'error'),
    realm.logged.map((entry) => entry.text.slice(0, 300)).join(' | '),
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
