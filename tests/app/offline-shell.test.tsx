// The H5 service worker is registered only after the first screen: once the page has loaded and
// no query has been fetching for a second. Installing it fetches and compiles every chunk of the
// app, which used to slow the first screen (docs/benchmarks.md, H5 load).
import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerOfflineShell } from '../../src/lib/offline-shell.h5'

const register = vi.fn(() => Promise.resolve({}))

beforeEach(() => {
  vi.useFakeTimers()
  // jsdom has no service workers; the browser's is what the e2e suite's offline test uses.
  Object.defineProperty(navigator, 'serviceWorker', { value: { register }, configurable: true })
  register.mockClear()
})

afterEach(() => {
  vi.useRealTimers()
  Reflect.deleteProperty(navigator, 'serviceWorker')
})

/** A query that answers when `answer` is called. */
const slowQuery = (queryClient: QueryClient) => {
  let answer!: () => void
  const done = new Promise<string>((resolve) => {
    answer = () => resolve('ok')
  })
  void queryClient.fetchQuery({ queryKey: ['stats', 'summary'], queryFn: () => done })
  return answer
}

describe('registerOfflineShell (H5)', () => {
  it('waits while the first screen’s queries are in flight, then registers /sw.js when quiet', async () => {
    const queryClient = new QueryClient()
    const answer = slowQuery(queryClient)
    const cancel = registerOfflineShell(queryClient)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(register).not.toHaveBeenCalled()

    answer()
    await vi.advanceTimersByTimeAsync(500)
    expect(register).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(register).toHaveBeenCalledWith('/sw.js')
    cancel()
  })

  it('starts the quiet second over when another query begins', async () => {
    const queryClient = new QueryClient()
    const cancel = registerOfflineShell(queryClient)
    await vi.advanceTimersByTimeAsync(800)
    const answer = slowQuery(queryClient)
    await vi.advanceTimersByTimeAsync(800)
    expect(register).not.toHaveBeenCalled()
    answer()
    await vi.advanceTimersByTimeAsync(4_000)
    expect(register).toHaveBeenCalledTimes(1)
    cancel()
  })

  it('does not register once cancelled while waiting for an idle moment', async () => {
    const queryClient = new QueryClient()
    const cancel = registerOfflineShell(queryClient)
    // Quiet for a second: the idle callback is now scheduled, not yet run.
    await vi.advanceTimersByTimeAsync(1_000)
    cancel()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(register).not.toHaveBeenCalled()
  })

  it('does nothing once the app has gone (the effect’s cleanup)', async () => {
    const cancel = registerOfflineShell(new QueryClient())
    cancel()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(register).not.toHaveBeenCalled()
  })
})
