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
// loaded in turn with this one. Each line names the browser, the machine's load average and its speed
// (cpu-gauge.ts).
import { loadavg } from 'node:os'
import type { E2E } from '../tests/e2e/harness'
import { type BaselineBuild, buildBaseline } from './baseline-build'
import { machineGauge } from './cpu-gauge'
import { openHomeLoad, openSite, type StorageState } from './h5-site'
import { percentile } from './stats'

const LOADS = Number(process.env.H5_LOADS ?? (process.argv.includes('--quick') ? 3 : 10))
const CPU_SLOWDOWN = 4 // as h5-site.ts's openHomeLoad sets it
const GOAL_LCP_MEDIAN_MS = 1000
const GOAL_LCP_P95_MS = 1200
type Sample = { lcpMs: number; fcpMs: number; dataShownMs: number; jsBytes: number; jsEncodedBytes: number }

const loadOnce = async (e2e: E2E, storageState: StorageState): Promise<Sample> => {
  const { context, page, shown } = await openHomeLoad(e2e, storageState)
  try {
    await page.goto(`${e2e.baseUrl}/#/pages/home/index`)
    const dataShownMs = await shown()
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
    const machine = machineGauge()
    console.error(`[h5-load] ${browser}; load average ${load().join(' ')}; gauge ${machine.gaugeMs} ms`)
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
            machine,
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
