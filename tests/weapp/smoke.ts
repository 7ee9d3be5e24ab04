// The built mini-program (dist/weapp) run in Node, as WeChat would run it: miniprogram-simulate's
// `wx` mock, with App/Page shims that call the lifecycle hooks, no AbortController (WeChat has
// none), storage in memory, wx.login answered by the local WeChat stand-in, and wx.request routed
// to the real server on a fresh embedded database. It proves the bundle runs (ES5, no missing
// globals) and that its pages render real data from the API.
//
// Usage: tsx tests/weapp/smoke.ts [--report <file.json>]   (after `npm run build:weapp`)
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { parse } from '../../common/wire-format'
import { DEMO_RESIDENT_OPENID } from '../../prisma/seed/reference-data'
import type { AppDeps } from '../../server/context'
import { parseEnv } from '../../server/env'
import { startServer } from '../../server/start'
import { STAND_IN_APPID, STAND_IN_SECRET, startWeChatStandIn } from '../helpers/wechat-stand-in'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DIST = path.join(ROOT, 'dist/weapp')
const PASSWORD = 'weapp-smoke-password'

type Node = { sid?: string; v?: string; cn?: Node[]; [key: string]: unknown }
type PageConfig = Record<string, unknown> & {
  onLoad?: (query: object) => void
  onShow?: () => void
  onReady?: () => void
  eh?: (event: object) => unknown
}
type PageInstance = PageConfig & { data: { root?: Node }; route: string }

const checks: { name: string; ok: boolean; detail?: string }[] = []
const check = (name: string, ok: boolean, detail?: string) => {
  checks.push({ name, ok, detail })
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`)
}

const until = async (what: string, condition: () => boolean, timeoutMs = 15_000) => {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return Boolean(what)
}

/** setData paths ("root.cn.[0].cn.[1]") applied to a page's data tree, as WeChat does. */
const applySetData = (data: Record<string, unknown>, patch: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(patch)) {
    const parts = key.split('.').map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part))
    let target: Record<string | number, unknown> = data
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1) {
        target[part] = value
      } else {
        target[part] ??= typeof parts[i + 1] === 'number' ? [] : {}
        target = target[part] as Record<string | number, unknown>
      }
    }
  }
}

const textOf = (node: Node | undefined): string =>
  node ? `${typeof node.v === 'string' ? node.v : ''}${(node.cn ?? []).map(textOf).join('')}` : ''

/** The first node, depth first, that satisfies `test`. */
const findNode = (node: Node | undefined, test: (node: Node) => boolean): Node | undefined => {
  if (!node) return undefined
  if (test(node)) return node
  for (const child of node.cn ?? []) {
    const found = findNode(child, test)
    if (found) return found
  }
  return undefined
}

/** The nodes from the root down to the innermost one whose text contains `text`. */
const pathTo = (node: Node | undefined, text: string): Node[] => {
  if (!node || !textOf(node).includes(text)) return []
  for (const child of node.cn ?? []) {
    const below = pathTo(child, text)
    if (below.length) return [node, ...below]
  }
  return [node]
}

const main = async () => {
  const reportAt = process.argv.indexOf('--report')
  const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-weapp-'))
  const wechat = await startWeChatStandIn()
  const server = await startServer(
    parseEnv({
      ...process.env,
      DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      H5_DIST_DIR: path.join(dataDir, 'no-h5'),
      SEED_DEMO_PASSWORD: PASSWORD,
      WECHAT_APPID: STAND_IN_APPID,
      WECHAT_SECRET: STAND_IN_SECRET,
      WECHAT_API_BASE: wechat.apiBase,
    }),
  )
  try {
    // In the story 马德林 agreed to the notice long ago; here he meets it for the first time.
    await server.deps.prisma.privacyConsent.deleteMany({ where: { user: { openid: DEMO_RESIDENT_OPENID } } })
    await runMiniProgram(server.url, server.deps.prisma, dataDir)
  } finally {
    await server.stop()
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

const runMiniProgram = async (serverUrl: string, prisma: AppDeps['prisma'], scratch: string) => {
  const require = createRequire(import.meta.url)
  require('miniprogram-simulate') // sets global.wx (≈420 mocked APIs), Component, Behavior
  const g = globalThis as Record<string, unknown>
  delete g.AbortController
  delete g.AbortSignal
  const wx = g.wx as Record<string, unknown>

  // Storage that keeps what is stored (the mock forgets).
  const storage = new Map<string, unknown>()
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value)
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  // wx.login: the demo resident's code, which the WeChat stand-in turns into their openid.
  wx.login = (options: { success?: (r: object) => void; complete?: (r: object) => void }) => {
    const result = { code: `ok:${DEMO_RESIDENT_OPENID}`, errMsg: 'login:ok' }
    setTimeout(() => {
      options.success?.(result)
      options.complete?.(result)
    }, 0)
  }
  // Navigation that replaces the page stack: recorded, so checks can see where the app went.
  const relaunched: string[] = []
  wx.reLaunch = (options: { url: string; success?: () => void; complete?: () => void }) => {
    relaunched.push(options.url)
    setTimeout(() => {
      options.success?.()
      options.complete?.()
    }, 0)
  }
  // wx.request: to the real server, whatever origin the build was given.
  const requests: string[] = []
  wx.request = (options: {
    url: string
    method?: string
    header?: Record<string, string>
    data?: unknown
    success?: (r: object) => void
    fail?: (r: object) => void
    complete?: (r: object) => void
  }) => {
    const url = new URL(options.url)
    const target = `${serverUrl}${url.pathname}${url.search}`
    requests.push(`${options.method ?? 'GET'} ${url.pathname}`)
    let isAborted = false
    fetch(target, {
      method: options.method ?? 'GET',
      headers: options.header ?? {},
      body: options.method === 'POST' ? String(options.data ?? '') : undefined,
    })
      .then(async (response) => {
        if (isAborted) return
        const header: Record<string, string> = {}
        response.headers.forEach((value, name) => {
          header[name] = value
        })
        const result = { statusCode: response.status, header, data: await response.text(), errMsg: 'request:ok' }
        options.success?.(result)
        options.complete?.(result)
      })
      .catch((error: unknown) => {
        const result = { errMsg: `request:fail ${String(error)}` }
        options.fail?.(result)
        options.complete?.(result)
      })
    const abort = () => {
      isAborted = true
    }
    return { abort, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  // Photos: the album, compression, the page's canvas 2d, the app's own files, uploads.
  const files = path.join(scratch, 'weapp-files')
  mkdirSync(files)
  const picked = path.join(files, 'album.jpg')
  await writeFile(
    picked,
    await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#96bee6' } })
      .jpeg()
      .toBuffer(),
  )
  wx.env = { ...(wx.env as object), USER_DATA_PATH: path.join(files, 'user') }
  mkdirSync(path.join(files, 'user'))
  /** As WeChat's APIs answer: through the callbacks given, or, without them, a promise (Taro uses both). */
  const callLater = (options: { success?: (r: object) => void; complete?: (r: object) => void }, result: object) =>
    new Promise<object>((resolve) =>
      setTimeout(() => {
        options.success?.(result)
        options.complete?.(result)
        resolve(result)
      }, 0),
    )
  wx.chooseMedia = (options: { success?: (r: object) => void }) =>
    callLater(options, { tempFiles: [{ tempFilePath: picked, size: statSync(picked).size, fileType: 'image' }] })
  wx.getImageInfo = (options: { success?: (r: object) => void }) => callLater(options, { width: 2400, height: 1800 })
  const compressed: Record<string, unknown>[] = []
  wx.compressImage = (options: Record<string, unknown> & { src: string; success?: (r: object) => void }) => {
    compressed.push(options)
    return callLater(options, { tempFilePath: options.src })
  }
  /** What the stamp drew, and the canvas WeChat would give the page's <Canvas type="2d">. */
  const stamped: string[] = []
  const context = {
    font: '',
    fillStyle: '',
    textBaseline: '',
    fillRect: () => {},
    clearRect: () => {},
    drawImage: () => {},
    fillText: (text: string) => void stamped.push(text),
  }
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => context,
    createImage: () => {
      const image = { onload: null as (() => void) | null, onerror: null, src: '' }
      return new Proxy(image, {
        set: (target, key, value) => {
          Reflect.set(target, key, value)
          if (key === 'src') setTimeout(() => target.onload?.(), 0)
          return true
        },
      })
    },
  }
  wx.canvasToTempFilePath = (options: { canvas?: unknown; success?: (r: object) => void }) => {
    const out = path.join(files, `stamped-${Date.now()}.jpg`)
    return sharp({ create: { width: canvas.width, height: canvas.height, channels: 3, background: '#5c7591' } })
      .jpeg()
      .toFile(out)
      .then(() => callLater(options, { tempFilePath: out }))
  }
  wx.getFileSystemManager = () => ({
    accessSync: (at: string) => void statSync(at),
    mkdirSync: (at: string) => void mkdirSync(at, { recursive: true }),
    saveFileSync: (from: string, to: string) => {
      copyFileSync(from, to)
      return to
    },
    unlinkSync: (at: string) => unlinkSync(at),
    readdirSync: (at: string) => readdirSync(at),
  })
  const uploads: string[] = []
  wx.uploadFile = (options: {
    url: string
    filePath: string
    name: string
    header?: Record<string, string>
    success?: (r: object) => void
    fail?: (r: object) => void
    complete?: (r: object) => void
  }) => {
    const url = new URL(options.url)
    uploads.push(`${url.pathname}${url.search}`)
    void readFile(options.filePath)
      .then((bytes) => {
        const form = new FormData()
        form.append(options.name, new Blob([bytes]), path.basename(options.filePath))
        return fetch(`${serverUrl}${url.pathname}${url.search}`, {
          method: 'POST',
          headers: options.header,
          body: form,
        })
      })
      .then(async (response) =>
        callLater(options, { statusCode: response.status, data: await response.text(), errMsg: 'uploadFile:ok' }),
      )
      .catch((error: unknown) => {
        const result = { errMsg: `uploadFile:fail ${String(error)}` }
        options.fail?.(result)
        options.complete?.(result)
      })
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} }
  }

  // The mock's SelectorQuery is a bare stub; NutUI measures a few elements, the stamp draws on a canvas.
  const query: Record<string, unknown> = {}
  const nodeRef = { boundingClientRect: () => query, scrollOffset: () => query, fields: () => query, node: () => query }
  Object.assign(query, {
    in: () => query,
    select: () => nodeRef,
    selectAll: () => nodeRef,
    selectViewport: () => nodeRef,
    exec: (cb?: (r: unknown[]) => void) =>
      setTimeout(() => cb?.([{ width: 375, height: 40, left: 0, top: 0, node: canvas }]), 0),
  })
  wx.createSelectorQuery = () => query

  let app: Record<string, unknown> | undefined
  const pageConfigs: PageConfig[] = []
  const stack: PageInstance[] = []
  g.App = (config: Record<string, unknown>) => {
    app = config
  }
  g.Page = (config: PageConfig) => void pageConfigs.push(config)
  g.getApp = () => app
  g.getCurrentPages = () => stack

  const configByRoute = new Map<string, PageConfig>()
  const openPage = (route: string, query: Record<string, string> = {}): PageInstance => {
    // A page's module registers its config once (Page()); later visits reuse it.
    if (!configByRoute.has(route)) {
      require(path.join(DIST, `${route}.js`))
      configByRoute.set(route, pageConfigs[pageConfigs.length - 1] as PageConfig)
    }
    const config = configByRoute.get(route) as PageConfig
    const page = Object.assign(Object.create(config), { route, __route__: route, data: {} }) as PageInstance
    Object.assign(page, {
      setData: (patch: Record<string, unknown>, callback?: () => void) => {
        applySetData(page.data, patch)
        if (callback) setTimeout(callback, 0)
      },
      selectComponent: () => null,
      createSelectorQuery: () => query,
      getPageId: () => `page-${stack.length}`,
    })
    stack.push(page)
    config.onLoad?.call(page, query)
    config.onShow?.call(page)
    config.onReady?.call(page)
    return page
  }
  const pageText = (page: PageInstance) => textOf(page.data.root)
  /** A tap bubbles through the native tree: WeChat calls the handler of each node on the way up. */
  const tap = (page: PageInstance, text: string) => {
    // Elements only (text nodes carry `v` and are not event targets), below the page's root.
    const nodes = pathTo(page.data.root, text)
      .slice(1)
      .filter((node) => node.sid && node.v === undefined)
    const innermost = nodes[nodes.length - 1]
    if (!innermost?.sid) throw new Error(`nothing to tap showing "${text}"`)
    const target = { id: innermost.sid, dataset: { sid: innermost.sid } }
    for (const node of nodes.reverse()) {
      const currentTarget = { id: node.sid, dataset: { sid: node.sid } }
      page.eh?.call(page, { type: 'tap', target, currentTarget, detail: {}, timeStamp: Date.now() })
    }
  }

  require(path.join(DIST, 'app.js'))
  check('app.js loads and calls App()', Boolean(app))
  if (!app) return
  ;(app.onLaunch as ((o: object) => void) | undefined)?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
  ;(app.onShow as ((o: object) => void) | undefined)?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
  check('the AbortController polyfill installed itself', typeof g.AbortController === 'function')

  // 工作台 as the branch secretary: the ¥44,000 of the party day.
  // (Signed in as the secretary with a session from the API, before the app has cached anyone,
  // and agreed to the privacy notice long ago: the page shows its content only after that.)
  const login2 = await fetch(`${serverUrl}/trpc/auth.loginWithPassword`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13800000002', password: PASSWORD }),
  })
    .then((r) => r.text())
    .then((text) => parse<{ result: { data: { token: string; expiresAt: Date } } }>(text))
  await fetch(`${serverUrl}/trpc/auth.agreePrivacy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login2.result.data.token}` },
    body: JSON.stringify({ version: PRIVACY_NOTICE_VERSION, channel: 'WECHAT' }),
  })
  storage.set('pdrl.session', { ...login2.result.data, expiresAt: login2.result.data.expiresAt.toISOString() })
  const secretaryHome = openPage('pages/home/index')
  check(
    '工作台 shows the secretary ¥44,000.00 donated, from stats.summary',
    await until('secretary home', () => pageText(secretaryHome).includes('¥44,000.00')),
    pageText(secretaryHome).slice(0, 300),
  )
  check('…and the party day among recent activities', pageText(secretaryHome).includes('情系帮扶联点村 走访慰问暖民心'))

  // 管理 → 组织架构 (its own subpackage) as the secretary: his tree starts at his own branch.
  const orgTree = openPage('package-admin/orgs/index')
  check(
    '组织架构 shows the secretary his own branch, from org.tree',
    await until('org tree', () => pageText(orgTree).includes('西宁市司法局机关党支部')),
    pageText(orgTree).slice(0, 300),
  )
  check('…and not the other orgs of the tree', !pageText(orgTree).includes('中共西宁市律师行业委员会'))

  // 登记走访 with a photo from the album: compressed to 1600 px, stamped, kept in the app's files,
  // and uploaded by the queue with wx.uploadFile after the visit itself.
  const household = await prisma.household.findFirstOrThrow({ where: { code: 'QY-001' } })
  const partyDay = await prisma.activity.findFirstOrThrow({ where: { theme: '情系帮扶联点村 走访慰问暖民心' } })
  const visitForm = openPage('package-visit/form/index', { activityId: partyDay.id, householdId: household.id })
  check(
    '登记走访 offers 拍照 and 从相册选',
    await until('photo picker', () => pageText(visitForm).includes('从相册选')),
    pageText(visitForm).slice(0, 300),
  )
  await until('household loaded', () => pageText(visitForm).includes('马德林'))
  tap(visitForm, '从相册选')
  check(
    '…compresses the photo to 1600 px on the long side, with Taro.compressImage',
    await until('compressed', () => compressed.length === 1),
    JSON.stringify(compressed),
  )
  check('…with compressedWidth 1600', compressed[0]?.compressedWidth === 1600, JSON.stringify(compressed[0]))
  check(
    '…stamps it on the canvas: time, village, theme, who took it',
    (await until('stamped', () => stamped.some((t) => t.startsWith('拍摄：')))) &&
      stamped.includes('主题：情系帮扶联点村 走访慰问暖民心') &&
      stamped.includes('地点：良教乡前跃村') &&
      stamped.includes('拍摄：王建国'),
    stamped.join(' | '),
  )
  // The folder appears with the first photo: until then, nothing is kept (polled before it exists).
  const photoDir = path.join(files, 'user', 'photos')
  const kept = () => (existsSync(photoDir) ? readdirSync(photoDir) : [])
  check('…and keeps it in the app’s own files', await until('kept', () => kept().length === 1), String(kept()))
  const photosBefore = await prisma.photo.count()
  tap(visitForm, '保存走访记录')
  check(
    'saving sends the visit, then the photo with wx.uploadFile',
    await until('uploaded', () => uploads.some((u) => u.startsWith('/uploads/photo?visitId='))),
    `${requests.slice(-5).join(', ')} | ${uploads.join(', ')}`,
  )
  let photosAfter = photosBefore
  await until('photo stored', () => {
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
  check(
    '…and the device’s copy is removed once it is up',
    await until('removed', () => kept().length === 0),
    String(kept()),
  )
  stack.length = 0

  // 登记走访 from the party day, the household found by typing part of its 户主's name.
  const partyVillageHouseholds = await prisma.household.count({ where: { villageId: partyDay.villageId ?? '' } })
  const liGuilan = await prisma.household.findFirstOrThrow({ where: { code: 'QY-002' } })
  const visitsBefore = await prisma.visit.count({ where: { householdId: liGuilan.id } })
  const searchForm = openPage('package-visit/form/index', { activityId: partyDay.id })
  check(
    '登记走访 offers the household search once the village is known',
    await until('picker', () => pageText(searchForm).includes('搜索选择困难户')),
    pageText(searchForm).slice(0, 300),
  )
  tap(searchForm, '搜索选择困难户')
  const searchBox = await (async () => {
    await until('search box', () =>
      Boolean(findNode(searchForm.data.root, (node) => Object.values(node).includes('householdId-search'))),
    )
    return findNode(searchForm.data.root, (node) => Object.values(node).includes('householdId-search'))
  })()
  check('…opens a search box', Boolean(searchBox?.sid), pageText(searchForm).slice(0, 300))
  if (searchBox?.sid) {
    const target = { id: searchBox.sid, dataset: { sid: searchBox.sid } }
    searchForm.eh?.call(searchForm, {
      type: 'input',
      target,
      currentTarget: target,
      detail: { value: '桂兰', cursor: 2 },
      timeStamp: Date.now(),
    })
  }
  check(
    '…finds 李桂兰 by part of her name, with her 户编号, on household.search',
    (await until('found', () => pageText(searchForm).includes('户编号 QY-002'))) &&
      requests.some((r) => r.includes('household.search')),
    `${pageText(searchForm).slice(0, 400)} | ${partyVillageHouseholds} households`,
  )
  tap(searchForm, '李桂兰')
  check(
    '…and shows the choice with its 户编号',
    await until('chosen', () => pageText(searchForm).includes('更换') && pageText(searchForm).includes('QY-002')),
    pageText(searchForm).slice(0, 400),
  )
  tap(searchForm, '保存走访记录')
  let visitsAfter = visitsBefore
  await until('visit saved', () => {
    void prisma.visit.count({ where: { householdId: liGuilan.id } }).then((n) => {
      visitsAfter = n
    })
    return visitsAfter === visitsBefore + 1
  })
  check('…and saves a visit to her household', visitsAfter === visitsBefore + 1, `${visitsAfter - visitsBefore}`)
  stack.length = 0

  // 登录: one tap with WeChat, through wx.login, the server and the WeChat stand-in.
  stack.length = 0
  storage.delete('pdrl.session')
  const login = openPage('package-auth/login/index')
  check(
    '登录 renders the WeChat one-tap button',
    await until('login', () => pageText(login).includes('微信一键登录')),
    pageText(login).slice(0, 200),
  )
  tap(login, '微信一键登录')
  const session = () => storage.get('pdrl.session') as { token?: string } | undefined
  check(
    'WeChat login stores a session from the real server',
    await until('session', () => Boolean(session()?.token)),
    requests.join(', '),
  )
  check(
    '…through tRPC over wx.request',
    requests.some((r) => r.includes('/trpc/auth.loginWithWeChat')),
    requests.join(', '),
  )

  // 个人信息保护说明: a first sign-in goes there, and WeChat's own agree button records consent.
  check(
    'a first sign-in opens the privacy notice',
    await until('privacy', () => relaunched.includes('/package-auth/privacy/index')),
    relaunched.join(', '),
  )
  const privacy = openPage('package-auth/privacy/index')
  check(
    '个人信息保护说明 renders',
    await until('privacy text', () => pageText(privacy).includes('敏感个人信息')),
    pageText(privacy).slice(0, 200),
  )
  const agreeButton = findNode(privacy.data.root, (node) =>
    Object.values(node).some((value) => value === 'agreePrivacyAuthorization'),
  )
  check("…with WeChat's agreePrivacyAuthorization button", Boolean(agreeButton?.sid))
  if (agreeButton?.sid) {
    const target = { id: agreeButton.sid, dataset: { sid: agreeButton.sid } }
    privacy.eh?.call(privacy, {
      type: 'agreeprivacyauthorization',
      target,
      currentTarget: target,
      detail: {},
      timeStamp: Date.now(),
    })
  }
  check(
    'agreeing there records consent on the server',
    await until('consent', () => requests.some((r) => r.includes('/trpc/auth.agreePrivacy'))),
    requests.join(', '),
  )

  // 工作台 as the resident 马德林: his own need, from the API.
  stack.length = 0
  const residentHome = openPage('pages/home/index')
  check(
    '工作台 greets the resident and lists his need from the API',
    await until('resident home', () => pageText(residentHome).includes('希望组织村里老年人上门健康体检')),
    pageText(residentHome).slice(0, 300),
  )
  check('…by name', pageText(residentHome).includes('马德林，您好'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
