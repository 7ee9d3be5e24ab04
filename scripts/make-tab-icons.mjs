// Draws the tab bar's icons (81×81 PNG, grey and party red) from simple shapes, so that no
// binary comes from outside the repository. Run: node scripts/make-tab-icons.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 81
const COLORS = { normal: [138, 138, 138], active: [200, 22, 29] }

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
const png = (inside, [r, g, b]) => {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = [0]
    for (let x = 0; x < SIZE; x++) row.push(r, g, b, inside(x + 0.5, y + 0.5) ? 255 : 0)
    rows.push(...row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const _ring = (x, y, cx, cy, r, w) => inCircle(x, y, cx, cy, r) && !inCircle(x, y, cx, cy, r - w)

const ICONS = {
  // 工作台: a house.
  home: (x, y) =>
    (y >= 16 && y <= 40 && Math.abs(x - 40.5) <= (y - 16) * 1.05) ||
    (inRect(x, y, 20, 38, 61, 66) && !inRect(x, y, 34, 48, 47, 66)),
  // The role's main list: three lines with bullets.
  primary: (x, y) => [22, 40, 58].some((cy) => inCircle(x, y, 18, cy, 5) || inRect(x, y, 28, cy - 3.5, 66, cy + 3.5)),
  // The role's second view: a ledger (a framed grid).
  secondary: (x, y) =>
    (inRect(x, y, 14, 14, 67, 67) && !inRect(x, y, 20, 20, 61, 61)) ||
    inRect(x, y, 14, 36, 67, 42) ||
    inRect(x, y, 37, 14, 43, 67),
  // 我的: a person.
  mine: (x, y) => inCircle(x, y, 40.5, 26, 12) || (y >= 46 && y <= 68 && inCircle(x, y, 40.5, 72, 26)),
}

for (const [name, inside] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    writeFileSync(
      new URL(`../src/assets/tab-bar/${name}${state === 'active' ? '-active' : ''}.png`, import.meta.url),
      png(inside, color),
    )
  }
}
console.log('tab bar icons written to src/assets/tab-bar/')
