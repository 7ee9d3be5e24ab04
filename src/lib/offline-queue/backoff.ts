// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
// a random delay in [0, min(cap, base·2^(attempt−1))), so phones that come back online together
// do not retry together.
export type BackoffPolicy = { baseMs: number; capMs: number }

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 }

/** The ceiling of the delay after the `attempt`-th failure (1-based). */
export const backoffCeiling = (attempt: number, { baseMs, capMs }: BackoffPolicy): number =>
  Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)))

export const backoffDelay = (attempt: number, policy: BackoffPolicy, random: () => number): number =>
  Math.floor(random() * backoffCeiling(attempt, policy))
