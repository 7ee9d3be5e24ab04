// `wx` for the realm harness: miniprogram-simulate's mock of WeChat's APIs, with the ones the app
// depends on made real. Storage keeps what is stored; wx.login answers with the demo resident's
// code for the local WeChat stand-in; wx.request and wx.uploadFile reach the real server; the
// album, compression and the app's files work on disk; each <Canvas type="2d"> has a node of its
// own (canvas-2d.ts); navigation moves the page host's stack; the network is on unless a check
// switches it off (network.ts). Every call of an API WeChat has deprecated is recorded (WeChat logs a warning for each).
import { copyFileSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import sharp from 'sharp'
import { DEMO_RESIDENT_OPENID } from '../../prisma/seed/reference-data'
import { type CanvasNode, type CanvasSinks, createCanvasNode } from './canvas-2d'
import { createNetwork, type NetworkType } from './network'
import type { PageHost } from './page-host'
import type { WeChatRealm } from './realm'

/** Deprecated by WeChat: getWindowInfo, getAppBaseInfo, getDeviceInfo and getSystemSetting replace them. */
const DEPRECATED = ['getSystemInfoSync', 'getSystemInfo', 'getSystemInfoAsync'] as const

/** The box every element measures: the harness has no layout. */
const BOX = { width: 375, height: 40 }
/** Canvases the app's stylesheet sizes: the signature pad (360 rpx high, the page's width less its margins). */
const CANVAS_BOXES: Record<string, { width: number; height: number }> = {
  '#signature-pad': { width: 343, height: 180 },
}

type Callbacks = { success?: (r: object) => void; fail?: (r: object) => void; complete?: (r: object) => void }

export const createWxStandIn = async ({
  realm,
  host,
  serverUrl,
  files,
  fontSizeSetting = 17,
  networkType = 'wifi',
}: {
  realm: WeChatRealm
  host: PageHost
  serverUrl: string
  /** A scratch folder: the album's photo, the app's own files (wx.env.USER_DATA_PATH), canvas output. */
  files: string
  /** WeChat's own font setting (设置 → 通用 → 字体大小), in px: 17 is the standard size. */
  fontSizeSetting?: number
  /** The network as the app starts: 'none', a phone with no signal. */
  networkType?: NetworkType
}) => {
  const require = createRequire(import.meta.url)
  require('miniprogram-simulate') // sets the Node global wx: its mock of ≈420 APIs
  const mock = (globalThis as { wx?: Record<string, unknown> }).wx as Record<string, unknown>
  const wx: Record<string, unknown> = { ...mock }

  /** As WeChat's APIs answer: through the callbacks given, or, without them, a promise (Taro uses both). */
  const callLater = (options: Callbacks, result: object, isOk = true) =>
    new Promise<object>((resolve) =>
      setTimeout(() => {
        const adopted = realm.adopt(result)
        if (isOk) options.success?.(adopted)
        else options.fail?.(adopted)
        options.complete?.(adopted)
        resolve(adopted)
      }, 0),
    )

  const deprecatedCalls: string[] = []
  for (const name of DEPRECATED) {
    const answer = mock[name] as (...args: unknown[]) => unknown
    wx[name] = (...args: unknown[]) => {
      deprecatedCalls.push(`wx.${name} ${new Error().stack?.split('\n')[2]?.trim() ?? ''}`)
      return answer(...args)
    }
  }
  // WeChat at its standard font size (17 px) unless the phone is set larger; the mock leaves it out.
  const appBaseInfo = (mock.getAppBaseInfo as () => object)()
  wx.getAppBaseInfo = () => realm.adopt({ ...appBaseInfo, fontSizeSetting })

  // Storage that keeps what is stored (the mock forgets).
  const storage = new Map<string, unknown>()
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value)
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  wx.getStorageInfoSync = () => realm.adopt({ keys: [...storage.keys()], currentSize: 0, limitSize: 10_240 })
  wx.getLaunchOptionsSync = () => realm.adopt({ path: 'pages/home/index', query: {}, scene: 1001 })
  // wx.login: the code of the WeChat user holding the phone (the demo resident's unless a check
  // hands it to someone else), which the WeChat stand-in turns into their openid.
  const wechatUser = { openid: DEMO_RESIDENT_OPENID }
  wx.login = (options: Callbacks) => callLater(options, { code: `ok:${wechatUser.openid}`, errMsg: 'login:ok' })

  // Navigation: the page host's stack, a turn of the event loop later, as WeChat answers.
  const navigations: string[] = []
  const navigate = (name: keyof PageHost['navigation']) => (options: Callbacks & { url?: string; delta?: number }) => {
    navigations.push(`${name} ${options.url ?? options.delta ?? ''}`)
    return new Promise((resolve) =>
      setTimeout(() => {
        if (name === 'navigateBack') host.navigation.navigateBack(options.delta)
        else host.navigation[name](options.url ?? '')
        resolve(callLater(options, { errMsg: `${name}:ok` }))
      }, 0),
    )
  }
  for (const name of ['navigateTo', 'redirectTo', 'navigateBack', 'reLaunch', 'switchTab'] as const) {
    wx[name] = navigate(name)
  }

  const network = createNetwork(realm, networkType)
  Object.assign(wx, network.wx)

  // wx.request: to the real server, whatever origin the build was given; with no network, failing.
  const requests: { at: number; call: string; answeredAt?: number }[] = []
  wx.request = (
    options: Callbacks & { url: string; method?: string; header?: Record<string, string>; data?: unknown },
  ) => {
    const url = new URL(options.url)
    const request: (typeof requests)[number] = {
      at: performance.now(),
      call: `${options.method ?? 'GET'} ${url.pathname}`,
    }
    requests.push(request)
    const task = { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    if (!network.isOnline()) {
      void network.fail('request', options)
      return task
    }
    let isAborted = false
    fetch(`${serverUrl}${url.pathname}${url.search}`, {
      method: options.method ?? 'GET',
      headers: options.header ?? {},
      body: options.method === 'POST' ? String(options.data ?? '') : undefined,
    })
      .then(async (response) => {
        const header: Record<string, string> = {}
        response.headers.forEach((value, name) => {
          header[name] = value
        })
        const data = await response.text()
        request.answeredAt = performance.now()
        if (!isAborted) await callLater(options, { statusCode: response.status, header, data, errMsg: 'request:ok' })
      })
      .catch((error: unknown) => callLater(options, { errMsg: `request:fail ${String(error)}` }, false))
    task.abort = () => {
      isAborted = true
    }
    return task
  }

  // Photos: the album, compression, the page's canvas 2d, the app's own files, uploads.
  mkdirSync(files, { recursive: true })
  const picked = path.join(files, 'album.jpg')
  await writeFile(
    picked,
    await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#96bee6' } })
      .jpeg()
      .toBuffer(),
  )
  wx.env = realm.adopt({ ...(mock.env as object), USER_DATA_PATH: path.join(files, 'user') })
  mkdirSync(path.join(files, 'user'), { recursive: true })
  wx.chooseMedia = (options: Callbacks) =>
    callLater(options, { tempFiles: [{ tempFilePath: picked, size: statSync(picked).size, fileType: 'image' }] })
  wx.getImageInfo = (options: Callbacks) => callLater(options, { width: 2400, height: 1800 })
  const compressed: Record<string, unknown>[] = []
  wx.compressImage = (options: Callbacks & { src: string }) => {
    compressed.push({ ...options })
    return callLater(options, { tempFilePath: options.src })
  }
  /** What the canvases wrote: the stamp's text (canvas-2d.ts). */
  const sinks: CanvasSinks = { stamped: [] }
  const { stamped } = sinks
  /** Each <Canvas type="2d"> the app has asked for, by selector, as WeChat keeps one node per canvas. */
  const canvases = new Map<string, CanvasNode>()
  const canvasFor = (selector: string) => {
    const found = canvases.get(selector) ?? createCanvasNode(sinks)
    canvases.set(selector, found)
    return found
  }
  wx.canvasToTempFilePath = (options: Callbacks & { canvas: CanvasNode }) => {
    const out = path.join(files, `stamped-${Date.now()}.jpg`)
    const { width, height } = options.canvas
    return sharp({ create: { width, height, channels: 3, background: '#5c7591' } })
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
    readdirSync: (at: string) => realm.adopt(readdirSync(at)),
  })
  const uploads: string[] = []
  wx.uploadFile = (
    options: Callbacks & { url: string; filePath: string; name: string; header?: Record<string, string> },
  ) => {
    const url = new URL(options.url)
    uploads.push(`${url.pathname}${url.search}`)
    const task = { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} }
    if (!network.isOnline()) {
      void network.fail('uploadFile', options)
      return task
    }
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
      .catch((error: unknown) => callLater(options, { errMsg: `uploadFile:fail ${String(error)}` }, false))
    return task
  }

  // 订阅消息: the person accepts every template asked for (each call recorded, as the tap asked).
  const subscribeAsks: string[][] = []
  wx.requestSubscribeMessage = (options: Callbacks & { tmplIds: string[] }) => {
    subscribeAsks.push([...options.tmplIds])
    return callLater(options, {
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])),
    })
  }

  // The mock's SelectorQuery is a bare stub. NutUI measures a few elements (each answers BOX: the
  // harness has no layout), the stamp and the pad draw on their canvas's node.
  const selectorQuery = () => {
    const asked: { selector: string; wantsNode: boolean }[] = []
    const query: Record<string, unknown> = {}
    const select = (selector: string) => {
      const request = { selector, wantsNode: false }
      asked.push(request)
      const nodeRef = {
        boundingClientRect: () => query,
        scrollOffset: () => query,
        fields: (fields: { node?: boolean }) => {
          request.wantsNode ||= Boolean(fields?.node)
          return query
        },
        node: () => {
          request.wantsNode = true
          return query
        },
      }
      return nodeRef
    }
    Object.assign(query, {
      in: () => query,
      select,
      selectAll: select,
      selectViewport: () => select('viewport'),
      exec: (cb?: (r: unknown[]) => void) =>
        setTimeout(() => {
          const answers = asked.map(({ selector, wantsNode }) => ({
            ...(CANVAS_BOXES[selector] ?? BOX),
            left: 0,
            top: 0,
            ...(wantsNode ? { node: canvasFor(selector) } : {}),
          }))
          cb?.(answers)
        }, 0),
    })
    return query
  }
  wx.createSelectorQuery = selectorQuery
  host.setSelectorQuery(selectorQuery)

  return {
    wx,
    /** Switch it with network.set('none') and network.set('wifi'). */
    network,
    wechatUser,
    storage,
    requests,
    navigations,
    uploads,
    compressed,
    stamped,
    /** The canvas node WeChat gave for a selector ("#signature-pad"), once the app asked for it. */
    canvasOf: (selector: string) => canvases.get(selector),
    subscribeAsks,
    deprecatedCalls,
  }
}
