// UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, 62 random bits. The
// same kind of id as the schema's `@default(uuid(7))`, for a row whose id the server needs before
// it writes it. Ids made in this process only ever increase (RFC 9562 §6.2, method 1), so rows made
// together (a donation's goods lines) keep their order when sorted by id.
import { randomFillSync, randomInt } from 'node:crypto'

const COUNTER_MAX = 0xfff
let lastMs = 0
let counter = 0

export const uuidV7 = (now: number = Date.now()): string => {
  if (now > lastMs) {
    lastMs = now
    // A random start leaves most of the counter for ids made in the same millisecond.
    counter = randomInt(0, COUNTER_MAX >> 1)
  } else if (counter < COUNTER_MAX) {
    counter += 1
  } else {
    lastMs += 1
    counter = 0
  }
  const bytes = randomFillSync(Buffer.alloc(16), 8, 8)
  bytes.writeUIntBE(lastMs, 0, 6)
  bytes.writeUInt16BE(0x7000 | counter, 6)
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
