// The H5 app served by the real server for one build, with a secretary signed in once, for the
// measures that load its 工作台 (h5-load.ts, h5-trace.ts).
import type { BrowserContext } from 'playwright-core'
import type { Role } from '../common/enums'
import { PRIVACY_NOTICE_VERSION } from '../common/privacy-version'
import { parse } from '../common/wire-format'
import { personaOf } from '../src/lib/roles'
import { type E2E, E2E_PASSWORD, newPhonePage, startE2E } from '../tests/e2e/harness'

/** What a first load after signing in does not have yet: it is kept from an earlier launch. */
const FIRST_LOAD_UNKNOWN = new Set(['pdrl.offline-cache', 'pdrl.launch-requests'])

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

export type Site = { e2e: E2E; signedInOnly: StorageState; returning: StorageState }

/**
 * The secretary's session from the API itself (and the privacy notice agreed to there), so that a
 * build of another commit, whose sign-in pages may ask today's server differently, opens signed in.
 */
const signInThroughApi = async (baseUrl: string) => {
  const call = async (procedure: string, input: object, token?: string) => {
    const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    })
    type Session = { token: string; expiresAt: Date; user: { id: string; roles: Role[] } }
    return parse<{ result: { data: Session } }>(await response.text()).result.data
  }
  const { token, expiresAt, user } = await call('auth.loginWithPassword', {
    phone: '13800000002',
    password: E2E_PASSWORD,
  })
  await call('auth.agreePrivacy', { version: PRIVACY_NOTICE_VERSION, channel: 'H5' }, token)
  // As the app keeps it after signing in (src/lib/session.ts).
  return { token, expiresAt: expiresAt.toISOString(), userId: user.id, persona: personaOf(user.roles) }
}

/** A server for one H5 build, with a secretary signed in once (the app then keeps its offline copy). */
export const openSite = async (h5DistDir?: string): Promise<Site> => {
  const e2e = await startE2E({ seed: 'partyDay', ...(h5DistDir ? { h5DistDir } : {}) })
  const first = await newPhonePage(e2e)
  // Taro's H5 storage keeps each value as {"data": …}.
  await first.context().addInitScript(
    (stored: string) => {
      if (!localStorage.getItem('pdrl.session')) localStorage.setItem('pdrl.session', stored)
    },
    JSON.stringify({ data: await signInThroughApi(e2e.baseUrl) }),
  )
  await first.goto(`${e2e.baseUrl}/#/pages/home/index`)
  await first.waitForFunction(() => localStorage.getItem('pdrl.offline-cache') !== null, undefined, {
    timeout: 60_000,
  })
  const returning = await first.context().storageState()
  await first.context().close()
  const signedInOnly: StorageState = {
    ...returning,
    origins: returning.origins.map((origin) => ({
      ...origin,
      // Neither the offline copy nor the record of the last launch's requests (launch-replay.h5.ts).
      localStorage: origin.localStorage.filter((item) => !FIRST_LOAD_UNKNOWN.has(item.name)),
    })),
  }
  return { e2e, signedInOnly, returning }
}

const CPU_SLOWDOWN = 4
const SHOWN_TIMEOUT_MS = 60_000

/**
 * One load of the 工作台 in a fresh context (no HTTP cache, the CPU throttled 4×), with its LCP
 * observed from the document's start. `shown()` is when the ¥44,000 tile first showed. The page
 * watches for it itself (a MutationObserver from an init script) and the wait is one CDP
 * `Runtime.evaluate`: Playwright's locators would first evaluate its injected script (~45 KB) on
 * the page's main thread, 180–280 ms at 4× that a trace finds right before the LCP paints.
 */
export const openHomeLoad = async (e2e: E2E, storageState: StorageState) => {
  const context = await e2e.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    hasTouch: true,
    storageState,
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __shown: Promise<number> }
    w.__lcp = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime
    }).observe({ type: 'largest-contentful-paint', buffered: true })
    w.__shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const tile = document.querySelector('[data-testid="donated-total"]')
        if (!tile?.textContent?.includes('¥44,000.00')) return
        observer.disconnect()
        resolve(performance.now())
      })
      observer.observe(document, { subtree: true, childList: true, characterData: true })
    })
  })
  const shown = async () => {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the ¥44,000 tile did not show')), SHOWN_TIMEOUT_MS)
    })
    const evaluated = cdp.send('Runtime.evaluate', {
      expression: 'window.__shown',
      awaitPromise: true,
      returnByValue: true,
    })
    try {
      const { result } = await Promise.race([evaluated, timeout])
      return Number(result.value)
    } finally {
      clearTimeout(timer)
    }
  }
  return { context, page, shown }
}
