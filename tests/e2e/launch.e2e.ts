// Opening the app again, signed in: the 工作台's data is asked for as the app's code loads
// (src/lib/launch-prefetch.ts), or, on a page opened before, as soon as the HTML is parsed
// (src/lib/launch-replay.h5.ts); a session ended elsewhere meanwhile leads to 登录.
import type { Request } from 'playwright-core'
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

describe('launching signed in', () => {
  it('asks for who is signed in and the 工作台’s figures at launch, one request each', async () => {
    const page = await reopen(false)
    const trpcCalls: Request[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/trpc/')) trpcCalls.push(request)
    })
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await see(page, '王建国，您好')
    // The page's own queries would go in batches (?batch=1): these are the launch's, sent alone by
    // POST, with nothing in the address.
    const alone = trpcCalls.filter((r) => new URL(r.url()).search === '')
    expect(alone.map((r) => new URL(r.url()).pathname).sort()).toEqual([
      '/trpc/auth.me',
      '/trpc/need.list',
      '/trpc/stats.summary',
    ])
    expect(alone.every((r) => r.method() === 'POST')).toBe(true)
    // And the page did not ask again for what the launch had fetched.
    expect(trpcCalls.filter((r) => /auth\.me|stats\.summary/.test(r.url()))).toHaveLength(2)
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
    const pageChunks = assets.filter((asset) => asset.endsWith('.js') && !html.includes(asset))
    expect(pageChunks.length).toBeGreaterThan(0)
    // Each tRPC fetch notes whether the document was still being parsed: the app's code is deferred,
    // so it runs only once parsing is over, and a fetch made before that came from index.html.
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
    await page.locator('#app [data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor()
    await see(page, '王建国，您好')
    const launch = ['/trpc/auth.me', '/trpc/need.list', '/trpc/stats.summary']
    const fetches = await page.evaluate(
      () => (window as { __fetchesSeen?: { path: string; parsing: boolean }[] }).__fetchesSeen ?? [],
    )
    // Each asked once (the prefetch took the early answers), while the HTML was still being parsed.
    const launched = fetches.filter((f) => launch.includes(f.path))
    expect(launched.map((f) => f.path).sort()).toEqual(launch)
    expect(launched.every((f) => f.parsing)).toBe(true)
    // The page's chunks were asked for while the HTML was parsed too: by index.html's preload links.
    const chunksAskedWhileParsing = await page.evaluate((chunks) => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      return chunks.map((chunk) =>
        entries.some(
          (entry) => new URL(entry.name).pathname === chunk && entry.startTime <= (navigation?.domInteractive ?? 0),
        ),
      )
    }, pageChunks)
    expect(chunksAskedWhileParsing).toEqual(pageChunks.map(() => true))
    expect(await page.evaluate(() => Object.keys((window as { __pdrlLaunch?: object }).__pdrlLaunch ?? {}))).toEqual([])
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
