// H5 load: the 工作台 of a signed-in secretary, loaded fresh (a new browser context each time: no
// HTTP cache, no warm JS) in headless Chromium with the CPU throttled 4× through CDP, from the
// real server on loopback with the 前跃村 story. Reports LCP, FCP, the time until the ¥44,000
// tile shows, and the JavaScript fetched (median and p95 over H5_LOADS loads), in two lines:
//   h5.homeLoad            only the session in storage (the first load after signing in);
//   h5.homeLoad.returning  also what the app keeps from earlier launches, as a secretary who used
//                          the app before has: the offline copy (src/lib/offline-cache.ts: who
//                          they are and the last figures show at once) and the record of the
//                          launch's requests, which index.html sends before the app's code runs
//                          (src/lib/launch-replay.h5.ts).
// With H5_BASELINE_REF (a commit, built into a temporary worktree: baseline-build.ts) or
// H5_BASELINE_DIR (a build already made) set, each line also gives the baseline build's figures,
// loaded in turn with this one. Each line names the browser and the machine's load average.
import { loadavg } from 'node:os'
import type { BrowserContext } from 'playwright-core'
import type { Role } from '../common/enums'
import { PRIVACY_NOTICE_VERSION } from '../common/privacy-version'
import { parse } from '../common/wire-format'
import { personaOf } from '../src/lib/roles'
import { type E2E, E2E_PASSWORD, newPhonePage, startE2E } from '../tests/e2e/harness'
import { type BaselineBuild, buildBaseline } from './baseline-build'
import { percentile } from './stats'

const LOADS = Number(process.env.H5_LOADS ?? (process.argv.includes('--quick') ? 3 : 10))
const CPU_SLOWDOWN = 4
const GOAL_LCP_MEDIAN_MS = 1000
const GOAL_LCP_P95_MS = 1200
/** What a first load after signing in does not have yet: it is kept from an earlier launch. */
const FIRST_LOAD_UNKNOWN = new Set(['pdrl.offline-cache', 'pdrl.launch-requests'])

type Sample = { lcpMs: number; fcpMs: number; dataShownMs: number; jsBytes: number; jsEncodedBytes: number }

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

const loadOnce = async (e2e: E2E, storageState: StorageState): Promise<Sample> => {
  const context = await e2e.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    hasTouch: true,
    storageState,
  })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    // Observe LCP from the very start of the document.
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: number }
      w.__lcp = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__lcp = entry.startTime
      }).observe({ type: 'largest-contentful-paint', buffered: true })
    })
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    await page.locator('[data-testid="donated-total"]', { hasText: '¥44,000.00' }).waitFor({ timeout: 60_000 })
    const dataShownMs = await page.evaluate(() => performance.now())
    // LCP settles once nothing larger paints; give it a moment, as a user would look.
    await page.waitForTimeout(500)
    return await page.evaluate(
      ({ shown }) => {
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
        const scripts = resources.filter((r) => r.initiatorType === 'script' || /\.js(\?|$)/.test(r.name))
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0
        return {
          lcpMs: (window as unknown as { __lcp: number }).__lcp,
          fcpMs: fcp,
          dataShownMs: shown,
          jsBytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
          jsEncodedBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
        }
      },
      { shown: dataShownMs },
    )
  } finally {
    await context.close()
  }
}

type Site = { e2e: E2E; signedInOnly: StorageState; returning: StorageState }

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
const openSite = async (h5DistDir?: string): Promise<Site> => {
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

const summarise = (samples: Sample[]) => {
  const stat = (key: keyof Sample) => {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b)
    return { median: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)) }
  }
  return {
    lcpMs: stat('lcpMs'),
    fcpMs: stat('fcpMs'),
    dataShownMs: stat('dataShownMs'),
    jsBytes: stat('jsBytes').median,
    jsEncodedBytes: stat('jsEncodedBytes').median,
  }
}

// H5_BASELINE_REF / H5_BASELINE_DIR: another H5 build (say, an older commit's) to load in turn
// with this one, on its own server, so that the two compare on the same noisy machine at the
// same moment.
const main = async () => {
  const baselineRef = process.env.H5_BASELINE_REF
  let built: BaselineBuild | undefined
  const load = () => loadavg().map((n) => Math.round(n * 10) / 10)
  try {
    built = baselineRef ? await buildBaseline(baselineRef) : undefined
    const baselineDir = built?.dir ?? process.env.H5_BASELINE_DIR
    const baselineLabel = built ? `${built.ref} (${built.commit})` : baselineDir
    const site = await openSite()
    const baseline = baselineDir ? await openSite(baselineDir) : null
    const browser = `chromium ${site.e2e.browser.version()}`
    console.error(`[h5-load] ${browser}; load average ${load().join(' ')}`)
    try {
      for (const [measure, state] of [
        ['h5.homeLoad', 'signedInOnly'],
        ['h5.homeLoad.returning', 'returning'],
      ] as const) {
        const loadBefore = load()
        const samples: Sample[] = []
        const baselineSamples: Sample[] = []
        for (let i = 0; i < LOADS; i += 1) {
          if (baseline) baselineSamples.push(await loadOnce(baseline.e2e, baseline[state]))
          samples.push(await loadOnce(site.e2e, site[state]))
        }
        const result = summarise(samples)
        const base = baseline ? summarise(baselineSamples) : null
        console.log(
          JSON.stringify({
            measure,
            browser,
            loads: LOADS,
            cpuSlowdown: CPU_SLOWDOWN,
            loadAverage: { before: loadBefore, after: load() },
            ...result,
            ...(base
              ? {
                  baseline: { build: baselineLabel, ...base },
                  lcpOverBaseline: round2(result.lcpMs.median / base.lcpMs.median),
                }
              : {}),
            goalLcpMs: { median: GOAL_LCP_MEDIAN_MS, p95: GOAL_LCP_P95_MS },
            withinGoal: result.lcpMs.median <= GOAL_LCP_MEDIAN_MS && result.lcpMs.p95 <= GOAL_LCP_P95_MS,
          }),
        )
      }
    } finally {
      await site.e2e.stop()
      await baseline?.e2e.stop()
    }
  } finally {
    await built?.remove()
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100

await main()
