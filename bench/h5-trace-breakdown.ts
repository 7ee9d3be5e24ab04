// A Chromium trace of one load of the 工作台 (h5-trace.ts), broken down up to its LCP: what the
// renderer's main thread did, by kind of work (the DevTools timeline's events, self time), by
// script file and by package (V8's samples, mapped through the build's source maps), and when each
// request left and finished. Times in ms from the navigation's start.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { SourceMapConsumer } from 'source-map'

type TraceEvent = {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  args?: { name?: string; data?: Record<string, unknown> & { url?: string } }
}

type CallFrame = { url: string; functionName: string; lineNumber: number; columnNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; parent?: number }

export type Breakdown = {
  lcpMs: number
  fcpMs: number
  mainThreadMs: Record<string, number>
  scriptByFileMs: Record<string, number>
  scriptByPackageMs: Record<string, number>
  requests: { url: string; startMs: number; endMs: number }[]
  /** The main thread's tasks of 30 ms or more: when, how long, and the script they ran most. */
  longTasks: { startMs: number; ms: number; script: string; packages: string }[]
}

const KIND: [RegExp, string][] = [
  [
    /^(EvaluateScript|v8\.evaluateModule|v8\.run|v8\.callFunction|v8\.callAsConstructor|v8\.newInstance|FunctionCall|TimerFire|EventDispatch|RunMicrotasks|FireAnimationFrame|V8\.Execute|XHRReadyStateChange|FireIdleCallback|V8\.(BytecodeBudgetInterrupt\w*|HandleInterrupts|StackGuard))$/,
    'script',
  ],
  [
    /^(v8\.compile|V8\.CompileCode|v8\.compileModule|CompileScript|V8\.CompileLazy|v8\.parseOnBackground|v8\.produceCache|v8\.deserializeOnBackground)/i,
    'compile',
  ],
  [/GC|Gc/, 'gc'],
  [/^ParseHTML$/, 'html'],
  [/^ParseAuthorStyleSheet$/, 'css parse'],
  [/^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation)$/, 'style'],
  [/^(Layout|UpdateLayout)$/, 'layout'],
  [/^(Paint|PrePaint|Layerize|Commit|PaintImage|UpdateLayer|CompositeLayers|Decode Image)$/, 'paint'],
  [
    /^(ResourceRequestSender|URLLoader|ThrottlingURLLoader|MojoURLLoaderClient|HTMLDocumentParser::MaybeFetchQueuedPreloads|DocumentLoader)/,
    'loading',
  ],
]

const kindOf = (name: string) => KIND.find(([re]) => re.test(name))?.[1] ?? 'other'

/** The package a source belongs to (`@tarojs/runtime`), or `app: src/…` for the app's own. */
const packageOf = (source: string) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (match?.[1]) return match[1]
  const own = /(?:^|\/)(src|common)\/(.*)$/.exec(source)
  return own ? `app: ${own[1]}/${own[2]?.split('/').slice(0, 2).join('/')}` : `other: ${source}`
}

const add = (into: Record<string, number>, key: string, us: number) => {
  into[key] = (into[key] ?? 0) + us
}

const toMs = (record: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(record)
      .map(([k, v]) => [k, Math.round(v / 100) / 10] as const)
      .filter(([, v]) => v >= 1)
      .sort((a, b) => b[1] - a[1]),
  )

export const breakDown = async (trace: { traceEvents: TraceEvent[] } | TraceEvent[], dist: string) => {
  const events = Array.isArray(trace) ? trace : trace.traceEvents
  const lcpEvents = events.filter((e) => e.name === 'largestContentfulPaint::Candidate')
  const last = lcpEvents.at(-1)
  if (!last) throw new Error('no LCP in the trace')
  const { pid, tid } = last
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid)
  const navigation = onMain.filter(
    (e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith('http'),
  )
  const t0 = navigation.at(-1)?.ts ?? onMain[0]?.ts ?? 0
  const lcp = last.ts
  const fcp = onMain.find((e) => e.name === 'firstContentfulPaint' && e.ts >= t0)?.ts ?? 0

  // Self time of the main thread's complete events, clipped to [t0, lcp].
  const mainThread: Record<string, number> = {}
  const complete = onMain
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const clip = (from: number, to: number) => Math.max(0, Math.min(to, lcp) - Math.max(from, t0))
  let busy = 0
  const stack: { end: number; kind: string; cursor: number }[] = []
  const close = (upTo: number) => {
    while (stack.length && (stack.at(-1)?.end ?? 0) <= upTo) {
      const top = stack.pop()
      if (!top) break
      add(mainThread, top.kind, clip(top.cursor, top.end))
      const parent = stack.at(-1)
      if (parent) parent.cursor = top.end
    }
  }
  for (const event of complete) {
    close(event.ts)
    const parent = stack.at(-1)
    if (parent) {
      add(mainThread, parent.kind, clip(parent.cursor, event.ts))
      parent.cursor = event.ts
    } else {
      busy += clip(event.ts, event.ts + (event.dur ?? 0))
    }
    const kind =
      event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask' ? 'task (other)' : kindOf(event.name)
    stack.push({ end: event.ts + (event.dur ?? 0), kind, cursor: event.ts })
  }
  close(Number.POSITIVE_INFINITY)
  add(mainThread, 'idle', lcp - t0 - busy)

  // V8's samples: the profile's nodes and samples arrive in chunks; each sample lasts until the next.
  const nodes = new Map<number, ProfileNode>()
  const samples: { ts: number; node: number }[] = []
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid)
  let ts = Number(profile?.args?.data?.startTime ?? 0)
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile?.id)) {
    const data = chunk.args?.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }
      timeDeltas?: number[]
    }
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node)
    const ids = data.cpuProfile?.samples ?? []
    ids.forEach((node, i) => {
      ts += data.timeDeltas?.[i] ?? 0
      samples.push({ ts, node })
    })
  }
  const byFile: Record<string, number> = {}
  const byPackage: Record<string, number> = {}
  const maps = new Map<string, SourceMapConsumer | null>()
  const mapOf = async (url: string) => {
    const file = path.join(dist, new URL(url).pathname)
    if (!maps.has(file)) {
      const text = await readFile(`${file}.map`, 'utf8').catch(() => null)
      maps.set(file, text ? new SourceMapConsumer(JSON.parse(text)) : null)
    }
    return maps.get(file) ?? null
  }
  const attributed: { ts: number; us: number; key: string }[] = []
  for (let i = 0; i < samples.length - 1; i += 1) {
    const sample = samples[i]
    const next = samples[i + 1]
    if (!sample || !next || sample.ts < t0 || sample.ts > lcp) continue
    const frame = nodes.get(sample.node)?.callFrame
    if (!frame) continue
    const us = Math.min(next.ts - sample.ts, 20_000)
    if (!frame.url) {
      add(byPackage, `(${frame.functionName || 'native'})`, us)
      attributed.push({ ts: sample.ts, us, key: `(${frame.functionName || 'native'})` })
      continue
    }
    if (!frame.url.startsWith('http')) continue
    const file = new URL(frame.url).pathname
    add(byFile, file, us)
    const map = await mapOf(frame.url)
    const source = map?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber }).source
    const key = source ? packageOf(source) : `${file} (unmapped)`
    add(byPackage, key, us)
    attributed.push({ ts: sample.ts, us, key })
  }

  const requests = new Map<string, { url: string; startMs: number; endMs: number }>()
  for (const event of events) {
    if (event.pid !== pid && event.name !== 'ResourceSendRequest') continue
    const data = event.args?.data as { requestId?: string; url?: string; finishTime?: number } | undefined
    if (!data?.requestId) continue
    if (event.name === 'ResourceSendRequest' && data.url && /^https?:/.test(data.url))
      requests.set(data.requestId, { url: new URL(data.url).pathname, startMs: (event.ts - t0) / 1000, endMs: -1 })
    if (event.name === 'ResourceFinish') {
      const request = requests.get(data.requestId)
      if (request) request.endMs = (event.ts - t0) / 1000
    }
  }
  const round = (n: number) => Math.round(n)
  const longTasks = complete
    .filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 30_000 && e.ts < lcp && e.ts + (e.dur ?? 0) > t0)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0)
      const scripts: Record<string, number> = {}
      for (const e of complete) {
        if (e.ts < task.ts || e.ts >= end || !/^(EvaluateScript|FunctionCall|v8\.evaluateModule)$/.test(e.name))
          continue
        const data = e.args?.data as { url?: string; functionName?: string } | undefined
        add(
          scripts,
          `${e.name} ${(data?.url ?? '').replace(/^https?:\/\/[^/]+/, '')} ${data?.functionName ?? ''}`.trim(),
          e.dur ?? 0,
        )
      }
      const top = Object.entries(scripts).sort((a, b) => b[1] - a[1])[0]
      const packages: Record<string, number> = {}
      for (const sample of attributed) if (sample.ts >= task.ts && sample.ts < end) add(packages, sample.key, sample.us)
      return {
        startMs: round((task.ts - t0) / 1000),
        ms: round((task.dur ?? 0) / 1000),
        script: top?.[0] ?? '',
        packages: Object.entries(toMs(packages))
          .slice(0, 4)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', '),
      }
    })
  return {
    lcpMs: round((lcp - t0) / 1000),
    fcpMs: round((fcp - t0) / 1000),
    mainThreadMs: toMs(mainThread),
    scriptByFileMs: toMs(byFile),
    scriptByPackageMs: toMs(byPackage),
    requests: [...requests.values()]
      .filter((r) => r.startMs >= 0)
      .map((r) => ({ url: r.url, startMs: round(r.startMs), endMs: round(r.endMs) }))
      .sort((a, b) => a.startMs - b.startMs),
    longTasks,
  } satisfies Breakdown
}
