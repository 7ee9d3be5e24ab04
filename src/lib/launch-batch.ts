// The launch's calls in one request. The launch prefetch (launch-prefetch.ts) asks for who is
// signed in and, on the 工作台, for its totals and overdue needs: three calls that would otherwise
// be three requests, each with its own token check, session read and answer to write on the server
// (docs/benchmarks.md, Capacity). They go as one tRPC batch instead (…/trpc/a,b,c?batch=1, the
// inputs by position, the answers an array in the same order: tRPC's HTTP protocol).
//
// The prefetch sends each call at once (httpLink): the batch link would wait for a timer, which
// fires only once the code running at launch is done. This fetch sits under httpLink and knows how
// many calls the launch makes: it holds them until the last has come, then sends them together, so
// they leave as soon as the last call does. Each call then gets its own answer from the batch's,
// as though it had been sent alone.
import type { TaroResponse, taroFetch } from './taro-fetch'

type LaunchFetch = typeof taroFetch
type Init = NonNullable<Parameters<LaunchFetch>[1]>

type Held = { url: string; init: Init; resolve: (response: TaroResponse) => void; reject: (error: unknown) => void }

/** One call's address: the API's base and the procedure's path, nothing after it. */
const CALL_URL = /^(.*\/trpc)\/([^/?,]+)$/

/** Whether a batch can carry the calls: POSTs to one API with a text body each. */
const canBatch = (held: Held[]) =>
  held.every(({ url, init }) => CALL_URL.test(url) && init.method === 'POST' && typeof init.body === 'string') &&
  new Set(held.map(({ url }) => CALL_URL.exec(url)?.[1])).size === 1

/** A call's answer from the batch's: its status its own (a refusal's, from its error), the rest the batch's. */
const answerOf = (batch: TaroResponse, answer: unknown): TaroResponse => {
  const failed = (answer as { error?: { data?: { httpStatus?: unknown } } } | null)?.error
  const status = failed ? Number(failed.data?.httpStatus) || batch.status : batch.status
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    url: batch.url,
    headers: batch.headers,
    json: () => Promise.resolve(answer),
    text: () => Promise.resolve(JSON.stringify(answer)),
  }
}

/** The batch's answer split into its calls'; an answer that is no such array goes to each as it came. */
const splitAnswer = async (batch: TaroResponse, count: number): Promise<TaroResponse[]> => {
  const text = await batch.text()
  let answers: unknown
  try {
    answers = JSON.parse(text)
  } catch {
    answers = undefined
  }
  if (Array.isArray(answers) && answers.length === count) return answers.map((answer) => answerOf(batch, answer))
  const whole: TaroResponse = {
    ok: batch.ok,
    status: batch.status,
    statusText: batch.statusText,
    url: batch.url,
    headers: batch.headers,
    json: () => new Promise((ok) => ok(JSON.parse(text))),
    text: () => Promise.resolve(text),
  }
  return Array.from({ length: count }, () => whole)
}

const sendTogether = async (fetch: LaunchFetch, held: Held[]) => {
  const [first] = held
  if (!first) return
  if (held.length === 1 || !canBatch(held)) {
    for (const { url, init, resolve, reject } of held) fetch(url, init).then(resolve, reject)
    return
  }
  const base = CALL_URL.exec(first.url)?.[1] ?? ''
  const paths = held.map(({ url }) => CALL_URL.exec(url)?.[2] ?? '')
  // Each call's body as httpLink wrote it (the wire format's), under its position.
  const body = `{${held.map(({ init }, i) => `"${i}":${init.body as string}`).join(',')}}`
  try {
    const batch = await fetch(`${base}/${paths.join(',')}?batch=1`, {
      method: 'POST',
      ...(first.init.headers ? { headers: first.init.headers } : {}),
      body,
    })
    const answers = await splitAnswer(batch, held.length)
    held.forEach(({ resolve }, i) => {
      resolve(answers[i] as TaroResponse)
    })
  } catch (error) {
    for (const { reject } of held) reject(error)
  }
}

/**
 * A fetch that holds the first `count` calls made through it and sends them as one batch once the
 * last of them is made, or, should fewer come, once the code running now is done (a timer); calls
 * after those go alone. Calls it cannot batch (not POSTs of one procedure each) go alone too.
 */
export const launchBatch = (fetch: LaunchFetch, count: number): LaunchFetch => {
  let held: Held[] | null = count > 1 ? [] : null
  const send = () => {
    const waiting = held
    held = null
    if (waiting) void sendTogether(fetch, waiting)
  }
  return (input, init = {}) => {
    const waiting = held
    if (!waiting) return fetch(input, init)
    return new Promise<TaroResponse>((resolve, reject) => {
      waiting.push({ url: String(input), init, resolve, reject })
      if (waiting.length === 1) setTimeout(send, 0)
      if (waiting.length === count) send()
    })
  }
}
