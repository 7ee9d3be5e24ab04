// H5: the launch's first requests leave before the app's code has run. Evaluating the app's
// JavaScript takes most of a slow phone's first half-second (docs/benchmarks.md, H5 load), and the
// launch prefetch (launch-prefetch.ts) can only ask once it has. So the prefetch records what it
// asked for (its URLs and bodies, nothing else) and on which page; at the next launch on that page
// a small script in index.html sends the same requests, with the session's token, as soon as the
// HTML is parsed, and the prefetch takes their answers instead of asking again. A request that
// differs from the recorded ones, or a recorded one that failed, goes to the network as usual.
// The script also preloads the scripts and styles that launch loaded (the page's own chunk is
// otherwise asked for only once the app's code has run); a name the build no longer has costs a
// 404. The record names who was signed in: another person's launch does not replay it. With no
// record for the person and page (the first launch after signing in), the script sends what the
// build wrote for the 工作台 (config/home-launch-plugin.ts).
import Taro from '@tarojs/taro'
import { LAUNCH_REQUESTS_KEY, readSession } from './session'
import { type TaroResponse, taroFetch } from './taro-fetch'

type Early = { status: number; contentType: string | null; text: string }
type Init = Parameters<typeof taroFetch>[1]

/** What index.html's script sent, by "url\nbody"; each answer is taken once. */
const earlyAnswers = (): Record<string, Promise<Early> | undefined> =>
  (window as unknown as { __pdrlLaunch?: Record<string, Promise<Early>> }).__pdrlLaunch ?? {}

const asResponse = (url: string, early: Early): TaroResponse => ({
  ok: early.status >= 200 && early.status < 300,
  status: early.status,
  statusText: String(early.status),
  url,
  headers: { get: (name) => (name.toLowerCase() === 'content-type' ? early.contentType : null) },
  json: () => new Promise((resolve) => resolve(JSON.parse(early.text))),
  text: () => Promise.resolve(early.text),
})

/** The build's own scripts and styles this page has loaded so far (paths: /js/…, /css/…). */
const loadedAssets = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === window.location.origin && /^\/(js|css)\/[^/]+\.(js|css)$/.test(url.pathname))
    .map((url) => url.pathname)

/** The launch prefetch's fetch when the app opens on `path`: records its requests, takes early answers. */
export const launchFetch = (path: string) => {
  const requests: { url: string; body: string }[] = []
  let assets: string[] = []
  const userId = readSession()?.userId
  const record = () => {
    try {
      Taro.setStorageSync(LAUNCH_REQUESTS_KEY, { path, userId, requests, assets })
    } catch {
      // Storage full: the next launch asks once the code has run, as without this.
    }
  }
  // Once the page has loaded (its chunk included), what it loaded.
  const recordAssets = () => {
    assets = loadedAssets()
    record()
  }
  if (document.readyState === 'complete') setTimeout(recordAssets, 0)
  else window.addEventListener('load', recordAssets, { once: true })
  return (input: string | { toString(): string }, init: Init = {}): Promise<TaroResponse> => {
    const url = String(input)
    const body = typeof init.body === 'string' ? init.body : ''
    requests.push({ url, body })
    record()
    const answers = earlyAnswers()
    const early = answers[`${url}\n${body}`]
    if (!early || init.signal?.aborted) return taroFetch(input, init)
    delete answers[`${url}\n${body}`]
    return early.then(
      (answer) => asResponse(url, answer),
      () => taroFetch(input, init),
    )
  }
}
