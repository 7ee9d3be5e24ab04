// A JavaScript realm holding what WeChat's engine gives a mini-program and nothing else: the
// language's own built-ins, `wx`, the registration functions (App, Page, Component, Behavior,
// getApp, getCurrentPages), timers and console. No FormData, Blob, fetch, URL, TextEncoder,
// AbortController, queueMicrotask, setImmediate, process or Buffer: code of the build that reaches
// for one fails here as it would on a phone (a ReferenceError, or a failed feature test).
//
// The build's files are loaded as WeChat loads them: each its own CommonJS module with a `require`
// for paths relative to it, and the browser's names (window, document, navigator…) shadowed.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/** What WeChat's own module wrapper passes as undefined, so that no file reaches a browser's objects. */
const SHADOWED = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
]

export type Logged = { level: 'error' | 'warn'; text: string }

export type WeChatRealm = {
  /** Gives the realm the globals WeChat provides (wx, App, Page…); the timers and console it has. */
  define: (globals: Record<string, unknown>) => void
  /** Runs one file of the build (a path under the build's root) and returns its exports. */
  require: (file: string) => unknown
  /** Evaluates an expression in the realm (what a check wants to know of its globals). */
  evaluate: (expression: string) => unknown
  /** Plain data rebuilt with the realm's own Object and Array, as WeChat's APIs hand it over. */
  adopt: <T>(value: T) => T
  /** What the app wrote with console.error and console.warn. */
  logged: Logged[]
  /** The app is killed: its timers stop, and none starts again. */
  close: () => void
}

const describe = (args: unknown[]) =>
  args
    .map((arg) => (arg instanceof Error || (arg as Error)?.stack ? String((arg as Error).stack) : String(arg)))
    .join(' ')

export const createWeChatRealm = (root: string): WeChatRealm => {
  const logged: Logged[] = []
  // WeChat's timers answer numbers, as a browser's do (Node's answer objects).
  const timers = new Map<number, NodeJS.Timeout>()
  let nextTimer = 1
  let isClosed = false
  const startTimer =
    (repeat: boolean) =>
    (callback: () => void, ms?: number, ...args: unknown[]) => {
      const id = nextTimer++
      if (isClosed) return id
      // An exception in a timer goes to the app's error log (WeChat's onError), not up to Node.
      const run = () => {
        if (!repeat) timers.delete(id)
        try {
          callback(...(args as []))
        } catch (error) {
          logged.push({ level: 'error', text: `uncaught in a timer: ${describe([error])}` })
        }
      }
      timers.set(id, repeat ? setInterval(run, ms) : setTimeout(run, ms))
      return id
    }
  const stopTimer = (id?: number) => {
    if (id === undefined) return
    clearTimeout(timers.get(id))
    timers.delete(id)
  }
  const sandbox: Record<string, unknown> = {
    setTimeout: startTimer(false),
    setInterval: startTimer(true),
    clearTimeout: stopTimer,
    clearInterval: stopTimer,
    console: {
      log() {},
      info() {},
      debug() {},
      warn: (...args: unknown[]) => void logged.push({ level: 'warn', text: describe(args) }),
      error: (...args: unknown[]) => void logged.push({ level: 'error', text: describe(args) }),
    },
  }
  const context = vm.createContext(sandbox, { name: 'WeChat AppService' })
  const realmJson = vm.runInContext('JSON', context) as JSON

  const modules = new Map<string, { exports: unknown }>()
  const load = (file: string): unknown => {
    const cached = modules.get(file)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    modules.set(file, module)
    const source = readFileSync(file, 'utf8')
    const wrapped = `(function (require, module, exports, ${SHADOWED.join(', ')}) {${source}\n})`
    const run = vm.runInContext(wrapped, context, { filename: file }) as (...args: unknown[]) => void
    const requireFrom = (specifier: string) => {
      const target = path.resolve(path.dirname(file), specifier)
      return load(target.endsWith('.js') ? target : `${target}.js`)
    }
    run(requireFrom, module, module.exports)
    return module.exports
  }

  return {
    define: (globals) => void Object.assign(sandbox, globals),
    require: (file) => load(path.join(root, file)),
    evaluate: (expression) => vm.runInContext(expression, context),
    adopt: <T>(value: T): T => (value === undefined ? value : (realmJson.parse(JSON.stringify(value)) as T)),
    logged,
    close: () => {
      isClosed = true
      for (const id of [...timers.keys()]) stopTimer(id)
    },
  }
}
