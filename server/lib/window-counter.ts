// A fixed-window counter per key, in memory: the per-user request limit (server/trpc.ts). Per
// instance, like the HTTP limits; a user spread over N instances gets N times the limit.
export type WindowCounter = {
  /** Counts one hit; says whether it is within the limit, and when the window ends. */
  hit: (key: string) => { isAllowed: boolean; retryAfterSeconds: number }
}

export const createWindowCounter = ({ max, windowMs }: { max: number; windowMs: number }): WindowCounter => {
  const windows = new Map<string, { count: number; endsAt: number }>()
  let nextSweep = Date.now() + windowMs
  return {
    hit: (key) => {
      const now = Date.now()
      if (now >= nextSweep) {
        for (const [k, w] of windows) if (w.endsAt <= now) windows.delete(k)
        nextSweep = now + windowMs
      }
      let window = windows.get(key)
      if (!window || window.endsAt <= now) {
        window = { count: 0, endsAt: now + windowMs }
        windows.set(key, window)
      }
      window.count++
      return { isAllowed: window.count <= max, retryAfterSeconds: Math.ceil((window.endsAt - now) / 1000) }
    },
  }
}
