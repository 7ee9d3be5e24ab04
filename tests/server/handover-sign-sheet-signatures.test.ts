// The 发放签收表's 签名 column: a handover signed on the cadre's phone has its signature embedded
// in the Excel sheet beside its first line, the very PNG kept as evidence; one confirmed in
// WeChat or not yet signed has none; the 公示 version carries no image at all.
import { beforeAll, describe, expect, it } from 'vitest'
import { HANDOVER_CONFIRMATION_LABELS } from '../../common/enums'
import {
  exportHandoverSignSheet,
  exportPublicHandoverSignSheet,
  SIGN_SHEET_NAME,
} from '../../server/services/exports/handover-sign-sheet'
import { loadSignaturePng } from '../../server/services/handovers/signature-bytes'
import { householdInput } from '../helpers/factories'
import { signatureBase64 } from '../helpers/signature-png'
import { createWorld, type World } from '../helpers/world'
import { exportedWorkbook, sheetOf } from '../helpers/xlsx'

let world: World
let signedId: string

beforeAll(async () => {
  world = await createWorld()
  const village = world.ref.villages.qianyue.id
  const handoverTo = async () =>
    world.cadre.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: (await world.cadre.household.create(householdInput(village))).id,
      handedOverOn: '2025-03-05',
      cashFen: 50_000,
      goods: [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 }],
    })
  const signed = await handoverTo()
  await handoverTo()
  await world.cadre.handover.sign({
    id: signed.id,
    signaturePng: await signatureBase64(1),
    signedAt: '2025-03-05T10:30:00+08:00',
  })
  signedId = signed.id
})

const exportAs = async (isPublic: boolean) => {
  const ctx = { ...(await world.serviceContextAs(world.ref.users.cadre.id)), photos: world.deps.photos }
  const input = { villageId: world.ref.villages.qianyue.id, from: '2025-03-01', to: '2025-03-31' }
  return exportedWorkbook((output) =>
    (isPublic ? exportPublicHandoverSignSheet : exportHandoverSignSheet)({ ctx, input, output }),
  )
}

describe('signatures in the 发放签收表', () => {
  it('embeds the kept PNG in the 签名 cell of the signed handover’s first line, and nothing for the other', async () => {
    const { workbook, result } = await exportAs(false)
    expect(result.handoverCount).toBe(2)
    const kept = await loadSignaturePng({
      db: world.deps.prisma,
      storage: world.deps.photos?.storage,
      handoverId: signedId,
    })
    const media = workbook.model.media as unknown as { buffer: Uint8Array; extension: string }[]
    expect(media).toHaveLength(1)
    expect(media[0]?.extension).toBe('png')
    expect(Buffer.compare(Buffer.from(media[0]?.buffer ?? []), kept?.png ?? Buffer.alloc(0))).toBe(0)

    const sheet = sheetOf(workbook, SIGN_SHEET_NAME)
    const images = sheet.getImages()
    expect(images).toHaveLength(1)
    const signatureColumn = (sheet.getRow(3).values as unknown[]).indexOf('签名')
    const anchor = images[0]?.range.tl
    expect(Math.floor(anchor?.nativeCol ?? -1) + 1).toBe(signatureColumn)
    const row = sheet.getRow(Math.floor(anchor?.nativeRow ?? -1) + 1)
    expect(row.getCell(10).value).toBe(HANDOVER_CONFIRMATION_LABELS.PHONE_SIGNATURE)
    expect(row.getCell(9).value).toBe('已签收')
  })

  it('leaves every image out of the 公示 version', async () => {
    const { workbook } = await exportAs(true)
    expect(workbook.model.media).toEqual([])
  })
})
