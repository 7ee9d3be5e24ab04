// Version-4 UUIDs made on the device: for clientMutationId (so a retried submission is recorded
// once) and, offline, for new records' ids. Uses crypto.getRandomValues where the platform has it.
const randomBytes = (): number[] => {
  const bytes = new Array<number>(16)
  // Older WeChat base libraries have no globalThis (and the mini-program has no Web Crypto).
  const host = typeof globalThis === 'undefined' ? undefined : globalThis
  const cryptoApi = (host as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } } | undefined)?.crypto
  if (cryptoApi?.getRandomValues) {
    const array = cryptoApi.getRandomValues(new Uint8Array(16))
    for (let i = 0; i < 16; i++) bytes[i] = array[i] ?? 0
  } else {
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  }
  return bytes
}

export const uuid = (): string => {
  const b = randomBytes()
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = b.map((byte) => (byte + 0x100).toString(16).slice(1)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
