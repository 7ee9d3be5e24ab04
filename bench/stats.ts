// Percentiles of a sorted sample, as every benchmark reports them.
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) : 0

/** Milliseconds to a tenth, as the reports print them. */
export const roundMs = (value: number): number => Math.round(value * 10) / 10
