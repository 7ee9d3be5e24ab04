// Households per village: lognormal (a few large villages, many small ones), scaled so that the
// counts add up exactly to the total asked for, every village with at least one
// (when there are households enough).
import { createRandom } from './random'
import { VILLAGE_SIZE_SIGMA } from './scale'

export const householdsPerVillage = (seed: string, villages: number, total: number): number[] => {
  const random = createRandom(`${seed}:village-sizes`)
  const weights = Array.from({ length: villages }, () => Math.exp(VILLAGE_SIZE_SIGMA * random.normal()))
  const sum = weights.reduce((a, b) => a + b, 0)
  const floor = total >= villages ? 1 : 0
  const spare = total - floor * villages
  const exact = weights.map((w) => (w / sum) * spare)
  const counts = exact.map((x) => floor + Math.floor(x))
  // Largest remainders first, ties by index: deterministic.
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left <= 0) break
    counts[i] = (counts[i] as number) + 1
    left -= 1
  }
  return counts
}
