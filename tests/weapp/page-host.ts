// What WeChat does with the pages of a mini-program, for the realm harness: App() and Page()
// registrations, the page stack with its lifecycle (onLoad, onShow, onReady, onHide, onUnload), the
// navigation APIs on that stack (navigateTo, redirectTo, navigateBack, reLaunch, switchTab), and
// setData applied to each page's data tree. A setData on a page that has unloaded is recorded, not
// applied: WeChat drops it too, and it means some code still holds a page that is gone.
import type { WeChatRealm } from './realm'

export type Node = { sid?: string; v?: string; cn?: Node[]; [key: string]: unknown }

type PageConfig = Record<string, unknown> & {
  onLoad?: (query: object) => void
  onShow?: () => void
  onReady?: () => void
  onHide?: () => void
  onUnload?: () => void
  eh?: (event: object) => unknown
}

export type PageInstance = PageConfig & {
  data: { root?: Node }
  route: string
  options: Record<string, string>
  isUnloaded: boolean
}

export type LateSetData = { route: string; keys: string[] }

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

export const textOf = (node: Node | undefined): string =>
  node ? `${typeof node.v === 'string' ? node.v : ''}${(node.cn ?? []).map(textOf).join('')}` : ''

/** The first node, depth first, that satisfies `test`. */
export const findNode = (node: Node | undefined, test: (node: Node) => boolean): Node | undefined => {
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

/** "/package-auth/login/index?x=1" → its route and query. */
const parseUrl = (url: string) => {
  const [pathPart = '', queryPart = ''] = url.split('?')
  const options: Record<string, string> = {}
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const [name = '', value = ''] = pair.split('=')
    options[decodeURIComponent(name)] = decodeURIComponent(value)
  }
  return { route: pathPart.replace(/^\//, ''), options }
}

export const createPageHost = ({ realm, tabRoutes }: { realm: WeChatRealm; tabRoutes: string[] }) => {
  let app: Record<string, unknown> | undefined
  const registered: PageConfig[] = []
  const configByRoute = new Map<string, PageConfig>()
  /** The page stack, as getCurrentPages() answers it; tab pages stay alive (hidden) while another tab shows. */
  const stack: PageInstance[] = []
  const hiddenTabs = new Map<string, PageInstance>()
  const lateSetData: LateSetData[] = []
  const updateListeners = new Set<(page: PageInstance) => void>()
  /** A new SelectorQuery for the app (NutUI measures, canvases): set by the wx stand-in. */
  let selectorQuery: () => unknown = () => undefined

  const registerApp = (config: Record<string, unknown>) => {
    app = config
  }
  const registerPage = (config: PageConfig) => void registered.push(config)
  // Taro's custom wrapper (comp.js) registers itself; the harness renders no templates.
  const registerComponent = () => {}
  const registerBehavior = (definition: object) => definition
  const globals = {
    App: registerApp,
    Page: registerPage,
    Component: registerComponent,
    Behavior: registerBehavior,
    getApp: () => app,
    getCurrentPages: () => stack,
  }

  const create = (url: string): PageInstance => {
    const { route, options } = parseUrl(url)
    // A page's module registers its config once (Page()); later visits reuse it.
    if (!configByRoute.has(route)) {
      const before = registered.length
      realm.require(`${route}.js`)
      if (registered.length === before) throw new Error(`${route}.js did not call Page()`)
      configByRoute.set(route, registered[registered.length - 1] as PageConfig)
    }
    const config = configByRoute.get(route) as PageConfig
    const page = Object.assign(Object.create(config), {
      route,
      __route__: route,
      options,
      data: {},
      isUnloaded: false,
    }) as PageInstance
    Object.assign(page, {
      setData: (patch: Record<string, unknown>, callback?: () => void) => {
        if (page.isUnloaded) {
          lateSetData.push({ route, keys: Object.keys(patch) })
          return
        }
        applySetData(page.data, patch)
        for (const listener of updateListeners) listener(page)
        if (callback) setTimeout(callback, 0)
      },
      selectComponent: () => null,
      createSelectorQuery: () => selectorQuery(),
      getPageId: () => `page-${route}`,
    })
    return page
  }

  const show = (page: PageInstance) => page.onShow?.call(page)
  const load = (page: PageInstance) => {
    stack.push(page)
    page.onLoad?.call(page, realm.adopt(page.options))
    show(page)
    page.onReady?.call(page)
    return page
  }
  const unload = (page: PageInstance) => {
    page.isUnloaded = true
    page.onUnload?.call(page)
  }
  const hide = (page: PageInstance) => {
    if (tabRoutes.includes(page.route)) hiddenTabs.set(page.route, page)
    page.onHide?.call(page)
  }
  /** Closes every page on the stack (tab pages too unless `keepTabs`), topmost first. */
  const closeAll = ({ keepTabs }: { keepTabs: boolean }) => {
    while (stack.length) {
      const page = stack.pop() as PageInstance
      if (keepTabs && tabRoutes.includes(page.route)) hide(page)
      else unload(page)
    }
    if (keepTabs) return
    for (const tab of hiddenTabs.values()) unload(tab)
    hiddenTabs.clear()
  }

  const navigation = {
    navigateTo: (url: string) => {
      const top = stack[stack.length - 1]
      if (top) hide(top)
      return load(create(url))
    },
    redirectTo: (url: string) => {
      const top = stack.pop()
      if (top) unload(top)
      return load(create(url))
    },
    navigateBack: (delta = 1) => {
      for (let i = 0; i < delta && stack.length > 1; i++) unload(stack.pop() as PageInstance)
      const top = stack[stack.length - 1]
      if (top) show(top)
      return top
    },
    reLaunch: (url: string) => {
      closeAll({ keepTabs: false })
      return load(create(url))
    },
    switchTab: (url: string) => {
      const { route } = parseUrl(url)
      closeAll({ keepTabs: true })
      const kept = hiddenTabs.get(route)
      if (!kept) return load(create(url))
      hiddenTabs.delete(route)
      stack.push(kept)
      show(kept)
      return kept
    },
  }

  return {
    globals,
    navigation,
    lateSetData,
    app: () => app,
    current: () => stack[stack.length - 1],
    setSelectorQuery: (query: () => unknown) => {
      selectorQuery = query
    },
    /** WeChat's launch: App's onLaunch and onShow, then the first page. */
    launch: (url: string) => {
      const { route, options } = parseUrl(url)
      const launchOptions = realm.adopt({ path: route, query: options, scene: 1001 })
      ;(app?.onLaunch as ((o: object) => void) | undefined)?.call(app, launchOptions)
      ;(app?.onShow as ((o: object) => void) | undefined)?.call(app, launchOptions)
      return load(create(url))
    },
    /** Resolves with the time (performance.now()) of the setData after which the page shows `text`; undefined on timeout. */
    whenShown: (page: PageInstance, text: string, timeoutMs = 15_000) =>
      new Promise<number | undefined>((resolve) => {
        if (textOf(page.data.root).includes(text)) return resolve(performance.now())
        const timer = setTimeout(() => {
          updateListeners.delete(listener)
          resolve(undefined)
        }, timeoutMs)
        const listener = (updated: PageInstance) => {
          if (updated !== page || !textOf(page.data.root).includes(text)) return
          clearTimeout(timer)
          updateListeners.delete(listener)
          resolve(performance.now())
        }
        updateListeners.add(listener)
      }),
    /** A tap bubbles through the native tree: WeChat calls the handler of each node on the way up. */
    tap: (page: PageInstance, text: string) => {
      // Elements only (text nodes carry `v` and are not event targets), below the page's root.
      const nodes = pathTo(page.data.root, text)
        .slice(1)
        .filter((node) => node.sid && node.v === undefined)
      const innermost = nodes[nodes.length - 1]
      if (!innermost?.sid) throw new Error(`nothing to tap showing "${text}"`)
      const target = { id: innermost.sid, dataset: { sid: innermost.sid } }
      for (const node of nodes.reverse()) {
        const currentTarget = { id: node.sid, dataset: { sid: node.sid } }
        page.eh?.call(page, realm.adopt({ type: 'tap', target, currentTarget, detail: {}, timeStamp: Date.now() }))
      }
    },
    /**
     * An event of `type` on one node (WeChat's own buttons: agreeprivacyauthorization…; input), with
     * what else WeChat puts on it (`touches` of a canvas's touchstart and touchmove).
     */
    dispatch: (
      page: PageInstance,
      node: Node,
      type: string,
      detail: Record<string, unknown> = {},
      more: Record<string, unknown> = {},
    ) => {
      const target = { id: node.sid, dataset: { sid: node.sid } }
      page.eh?.call(page, realm.adopt({ ...more, type, target, currentTarget: target, detail, timeStamp: Date.now() }))
    },
  }
}

export type PageHost = ReturnType<typeof createPageHost>
