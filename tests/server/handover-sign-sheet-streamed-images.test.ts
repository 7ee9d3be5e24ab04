// The 发放签收表 with signatures is streamed like every other export: its rows read in batches,
// each signature remembered by its cell and its content, and the images' files written after the
// rows, one per distinct drawing. Read back, the file is the form: each signature over the 签名
// cell of its handover's first line, the very PNG kept as evidence.
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  exportHandoverSignSheet,
  SIGN_SHEET_COLUMNS,
  SIGN_SHEET_NAME,
} from '../../server/services/exports/handover-sign-sheet'
import { loadSignaturePng } from '../../server/services/handovers/signature-bytes'
import { householdInput } from '../helpers/factories'
import { signatureBase64 } from '../helpers/signature-png'
import { createWorld, type World } from '../helpers/world'
import { exportedWorkbook, sheetOf } from '../helpers/xlsx'

let world: World
/** Handover ids in the sheet's order, and the drawing each was signed with (null: not signed). */
const signedWith: { id: string; seed: number | null }[] = []
const SEEDS = [1, 2, 1, null, 3, 2, 1]

beforeAll(async () => {
  world = await createWorld()
  const village = world.ref.villages.qianyue.id
  for (const [i, seed] of SEEDS.entries()) {
    const handover = await world.cadre.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: (await world.cadre.household.create(householdInput(village))).id,
      handedOverOn: `2025-04-${String(i + 1).padStart(2, '0')}`,
      cashFen: 20_000,
      // Two lines for every other one: the signature goes beside the first.
      goods: i % 2 ? [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 }] : [],
    })
    if (seed !== null)
      await world.cadre.handover.sign({
        id: handover.id,
        signaturePng: await signatureBase64(seed),
        signedAt: `2025-04-${String(i + 1).padStart(2, '0')}T10:30:00+08:00`,
      })
    signedWith.push({ id: handover.id, seed })
  }
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('the 发放签收表 with signatures, streamed', () => {
  it('writes each drawing once, and places it over the 签名 cell of each handover signed with it', async () => {
    const ctx = { ...(await world.serviceContextAs(world.ref.users.cadre.id)), photos: world.deps.photos }
    const input = { villageId: world.ref.villages.qianyue.id, from: '2025-04-01', to: '2025-04-30' }
    // Batches of two: the signatures span batches, as they do in a large sheet.
    const { workbook, result } = await exportedWorkbook((output) =>
      exportHandoverSignSheet({ ctx, input, output, batchSize: 2 }),
    )
    expect(result.handoverCount).toBe(SEEDS.length)

    const media = workbook.model.media as unknown as { buffer: Uint8Array; extension: string }[]
    expect(media).toHaveLength(new Set(SEEDS.filter((s) => s !== null)).size)
    const mediaIndexBySha = new Map(media.map((m, i) => [sha(m.buffer), i]))

    const sheet = sheetOf(workbook, SIGN_SHEET_NAME)
    const signatureColumn = SIGN_SHEET_COLUMNS.findIndex((c) => c.key === 'signature') + 1
    const images = sheet.getImages()
    expect(images).toHaveLength(SEEDS.filter((s) => s !== null).length)

    // The data rows start under the header (row 3); each handover's first line is where its 序号
    // row begins, in the order the handovers were made.
    const firstLines: number[] = []
    let row = 4
    for (const [i] of SEEDS.entries()) {
      firstLines.push(row)
      row += i % 2 ? 2 : 1
    }
    for (const [i, { id, seed }] of signedWith.entries()) {
      const line = firstLines[i] ?? -1
      const image = images.find((img) => Math.floor(img.range.tl.nativeRow) + 1 === line)
      if (seed === null) {
        expect(image).toBeUndefined()
        continue
      }
      expect(Math.floor(image?.range.tl.nativeCol ?? -1) + 1).toBe(signatureColumn)
      const kept = await loadSignaturePng({
        db: world.deps.prisma,
        storage: world.deps.photos?.storage,
        handoverId: id,
      })
      // The image placed there is the PNG kept for that handover.
      expect(Number(image?.imageId)).toBe(mediaIndexBySha.get(sha(kept?.png ?? Buffer.alloc(0))))
      expect(sheet.getRow(line).height).toBe(32)
    }
  })
})
