// Arbitrary values of the kinds the API's wire format carries (common/wire-format.ts): JSON's,
// and BigInt, Date, Map and Set, a few levels deep, in plain objects.
import fc from 'fast-check'

/** Any such value, its object keys drawn from `key`; `more` adds kinds (sparse arrays, binary strings). */
export const anyWireValue = (key: fc.Arbitrary<string>, more: fc.ObjectConstraints = {}) =>
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: false,
    key,
    ...more,
  })
