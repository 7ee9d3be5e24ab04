// Deterministic randomness for the generator: one seeded stream per purpose and village, so the
// same flags give the same rows whatever the batch size or the order batches commit in.

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter): fast, 128-bit state, good enough for fake data. */
const sfc32 = (a: number, b: number, c: number, d: number) => () => {
  a |= 0
  b |= 0
  c |= 0
  d |= 0
  const t = (((a + b) | 0) + d) | 0
  d = (d + 1) | 0
  a = b ^ (b >>> 9)
  b = (c + (c << 3)) | 0
  c = (c << 21) | (c >>> 11)
  c = (c + t) | 0
  return (t >>> 0) / 4294967296
}

/** cyrb128: a string → four 32-bit seeds. */
const seedsOf = (text: string): [number, number, number, number] => {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

export type Random = ReturnType<typeof createRandom>

export const createRandom = (seed: string) => {
  const next = sfc32(...seedsOf(seed))
  for (let i = 0; i < 12; i++) next()
  const hex = (n: number) => {
    let out = ''
    while (out.length < n)
      out += Math.floor(next() * 0x100000000)
        .toString(16)
        .padStart(8, '0')
    return out.slice(0, n)
  }
  const random = {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** A key of a weight table, in proportion to its weight. */
    weighted: <K extends string | number>(weights: readonly (readonly [K, number])[]): K => {
      let total = 0
      for (const [, w] of weights) total += w
      let r = next() * total
      for (const [key, w] of weights) {
        r -= w
        if (r < 0) return key
      }
      return (weights[weights.length - 1] as readonly [K, number])[0]
    },
    /** k distinct items, in the order drawn. */
    sample: <T>(items: readonly T[], k: number): T[] => {
      const pool = [...items]
      const out: T[] = []
      while (out.length < k && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T)
      return out
    },
    /** Standard normal (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    /** Poisson (Knuth; fine for the small means used here). */
    poisson: (mean: number) => {
      const limit = Math.exp(-mean)
      let k = 0
      let p = next()
      while (p > limit) {
        k += 1
        p *= next()
      }
      return k
    },
    /**
     * A UUIDv7 for a row made at `at`, as the app's uuid(7) ids are: time-ordered, with the
     * random bits from this stream.
     */
    uuid7: (at: Date) => {
      const ms = at.getTime().toString(16).padStart(12, '0')
      const r = hex(20)
      const variant = ((Number.parseInt(r[3] as string, 16) & 0x3) | 0x8).toString(16)
      return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(8, 20)}`
    },
  }
  return random
}
