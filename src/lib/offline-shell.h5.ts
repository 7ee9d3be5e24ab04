// H5: the service worker that keeps the app's shell (server/http/offline-shell.ts), so that the
// app opens, and its offline queue can be seen and synced, after a reload with no signal.
// (The mini-program's package is on the phone already: offline-shell.ts does nothing.)
//
// Installing it fetches and compiles every chunk of the app. Registered at start-up, that work
// ran alongside the first screen's own and slowed it (docs/benchmarks.md, H5 load); so it waits
// until the page has loaded and the queries have been quiet for a moment, then for an idle time.
import type { QueryClient } from '@tanstack/react-query'

const QUIET_MS = 1_000

/** Runs `task` once no query has been fetching for QUIET_MS; returns a cancel. */
const whenQueriesQuiet = (queryClient: QueryClient, task: () => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = queryClient.getQueryCache().subscribe(() => restart())
  const restart = () => {
    clearTimeout(timer)
    if (queryClient.isFetching() > 0) return
    timer = setTimeout(() => {
      unsubscribe()
      task()
    }, QUIET_MS)
  }
  restart()
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}

const whenIdle = (task: () => void) =>
  'requestIdleCallback' in window ? window.requestIdleCallback(task, { timeout: 2_000 }) : setTimeout(task, 0)

/** Registers the service worker after the first screen; returns a cancel (for React's effect). */
export const registerOfflineShell = (queryClient: QueryClient): (() => void) => {
  if (!('serviceWorker' in navigator)) return () => {}
  let isCancelled = false
  let cancelWait = () => {}
  // Only where the server gives one (not the webpack dev server), and only on a secure origin.
  const register = () => {
    if (!isCancelled) navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  }
  const afterLoad = () => {
    cancelWait = whenQueriesQuiet(queryClient, () => whenIdle(register))
  }
  if (document.readyState === 'complete') afterLoad()
  else window.addEventListener('load', afterLoad, { once: true })
  return () => {
    isCancelled = true
    window.removeEventListener('load', afterLoad)
    cancelWait()
  }
}
