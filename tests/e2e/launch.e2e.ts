// Opening the app again, signed in: the 工作台's data is asked for as the app's code loads
// (src/lib/launch-prefetch.ts), or, on a page opened before, as soon as the HTML is parsed
// (src/lib/launch-replay.h5.ts), as also on the 工作台 at the first launch after signing in
// (config/home-launch-plugin.ts); a session ended elsewhere meanwhile leads to 登录.
import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { PHONES, see, signedInPage } from './harness'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

/** A fresh tab with the signed-in secretary's storage (the session, and the offline copy or not). */
const reopen = async (withOfflineCopy: boolean) => {
  const first = await signedInPage(e2e, PHONES.secretary)
  await see(first, '王建国，您好')
  await first.waitForFunction(() => localStorage.getItem('pdrl.offline-cache') !== null, undefined, {
    timeout: 30_000,
  })
  const state = await first.context().storageState()
  await first.context().close()
  const context = await e2e.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    storageState: {
      ...state,
      origins: state.origins.map((origin) => ({
        ...origin,
        localStorage: origin.localStorage.filter((item) => withOfflineCopy || item.name !== 'pdrl.offline-cache'),
      })),
    },
  })
  return context.newPage()
}

/** The 工作台's launch for staff: auth.me, the totals and the overdue needs, one request (launch-batch.ts). */
const HOME_LAUNCH = ['/trpc/auth.me,stats.summary,need.list']

type FetchSeen = { path: string; parsing: boolean }

/**
 * Reloads, each tRPC fetch noting whether the document was still being parsed: the app's code is
 * deferred, so it runs only once parsing is over, and a fetch made before that came from index.html.
 */
const reloadNotingFetches = async (page: Page) => {
  await page.addInitScript(() => {
    const calls: { path: string; parsing: boolean }[] = []
    ;(window as { __fetchesSeen?: typeof calls }).__fetchesSeen = calls
    const fetchFirst = window.fetch.bind(window)
    window.fetch = (input, init) => {
      const path = new URL(String(input instanceof Request ? input.url : input), location.href).pathname
      if (path.startsWith('/trpc/')) calls.push({ path, parsing: document.readyState === 'loading' })
      return fetchFirst(input, init)
    }
  })
  await page.reload()
}

const fetchesSeen = (page: Page) => page.evaluate(() => (window as { __fetchesSeen?: FetchSeen[] }).__fetchesSeen ?? [])

/** Each of `launch` asked once (the prefetch took the early answers), and `chunks` too, while parsing. */
const expectLaunchedWhileParsing = async (page: Page, launch: string[], chunks: string[]) => {
  const launched = (await fetchesSeen(page)).filter((f) => launch.includes(f.path))
  expect(launched.map((f) => f.path).sort()).toEqual(launch)
  expect(launched.every((f) => f.parsing)).toBe(true)
  // The page's chunks were asked for while the HTML was parsed too: by index.html's preload links.
  const chunksAskedWhileParsing = await page.evaluate((names) => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    return names.map((chunk) =>
      entries.some(
        (entry) => new URL(entry.name).pathname === chunk && entry.startTime <= (navigation?.domInteractive ?? 0),
      ),
    )
  }, chunks)
  expect(chunksAskedWhileParsing).toEqual(chunks.map(() => true))
  expect(await page.evaluate(() => Object.keys((window as { __pdrlLaunch?: object }).__pdrlLaunch ?? {}))).toEqual([])
}

describe('launching signed in', () => {
  it('asks for who is signed in and the 工作台’s figures at launch, in one request', async () => {
    const page = await reopen(false)
    const trpcCalls: Request[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/trpc/')) trpcCalls.push(request)
    })
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await see(page, '王建国，您好')
    // The launch's three calls, by POST, in one batch, sent before the page's own queries.
    const [first] = trpcCalls
    expect(first && new URL(first.url()).pathname).toBe(HOME_LAUNCH[0])
    expect(first?.method()).toBe('POST')
    // And the page did not ask again for what the launch had fetched.
    expect(trpcCalls.filter((r) => /auth\.me|stats\.summary/.test(r.url()))).toHaveLength(1)
    await page.context().close()
  })

  it('opening on the 工作台 again, sends its first requests from index.html, before the app’s code runs', async () => {
    const page = await reopen(true)
    // This launch records what it asked for; the next one on the same page replays it.
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await page.waitForFunction(() => localStorage.getItem('pdrl.launch-requests') !== null)
    // …and what it loaded: the 工作台's own chunk among them, which index.html does not name.
    const { assets } = await page.evaluate(
      () => JSON.parse(localStorage.getItem('pdrl.launch-requests') ?? 'null').data as { assets: string[] },
    )
    const html = await (await fetch(`${e2e.baseUrl}/`)).text()
    const initialScripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => src)
    const pageChunks = assets.filter((asset) => asset.endsWith('.js') && !initialScripts.includes(asset))
    expect(pageChunks.length).toBeGreaterThan(0)
    await reloadNotingFetches(page)
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await see(page, '王建国，您好')
    await expectLaunchedWhileParsing(page, HOME_LAUNCH, pageChunks)
    await page.context().close()
  })

  it('the first launch after signing in through 登录 sends the 工作台’s requests and chunk from index.html', async () => {
    const page = await signedInPage(e2e, PHONES.secretary)
    await see(page, '王建国，您好')
    // That launch opened on 登录, signed out: nothing recorded for the 工作台.
    expect(await page.evaluate(() => localStorage.getItem('pdrl.launch-requests'))).toBeNull()
    await reloadNotingFetches(page)
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await see(page, '王建国，您好')
    // The 工作台's chunks as the build named them in index.html (config/home-launch-plugin.ts).
    const html = await (await fetch(`${e2e.baseUrl}/`)).text()
    const home = JSON.parse(html.match(/var home = (\{.*?\})\n/)?.[1] ?? 'null') as { assets: string[] }
    const homeChunks = home.assets.filter((asset) => asset.endsWith('.js'))
    expect(homeChunks.length).toBeGreaterThan(0)
    await expectLaunchedWhileParsing(page, HOME_LAUNCH, homeChunks)
    await page.context().close()
  })

  it('does not replay another person’s launch: a 村民 signed in where the secretary was sends only auth.me', async () => {
    const page = await reopen(true)
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await page.waitForFunction(() => localStorage.getItem('pdrl.launch-requests') !== null)
    const resident = await signedInPage(e2e, PHONES.resident)
    const residentSession = await resident.evaluate(() => localStorage.getItem('pdrl.session') ?? '')
    await resident.context().close()
    await page.evaluate((session) => localStorage.setItem('pdrl.session', session), residentSession)
    await reloadNotingFetches(page)
    await page.waitForLoadState('load')
    const fetches = await fetchesSeen(page)
    expect(fetches.filter((f) => f.parsing).map((f) => f.path)).toEqual(['/trpc/auth.me'])
    await page.context().close()
  })

  it('sends a person whose session was ended elsewhere to 登录', async () => {
    const page = await reopen(true)
    await e2e.server.deps.prisma.session.updateMany({
      where: { user: { phone: PHONES.secretary }, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await page.waitForURL(/login/, { timeout: 30_000 })
    await see(page, '登录')
    expect(await page.evaluate(() => localStorage.getItem('pdrl.session'))).toBeNull()
    await page.context().close()
  })
})
