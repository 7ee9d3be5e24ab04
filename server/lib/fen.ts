// Money columns store fen as BIGINT; the API carries them as JS numbers, exact up to 2^53 − 1 fen
// (about ¥90 trillion). Converting checks that bound instead of silently rounding.
export const toFen = (value: bigint | number | null | undefined): number => {
  if (value === null || value === undefined) return 0
  if (typeof value === 'number') return value
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount of ${value} fen is beyond the API's exact range`)
  }
  return Number(value)
}

/** A nullable amount (an income not yet recorded stays null, not 0). */
export const toFenOrNull = (value: bigint | number | null): number | null => (value === null ? null : toFen(value))
