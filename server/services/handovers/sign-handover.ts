// 签收 on the cadre's phone, for a household without WeChat: the recipient signs on the screen,
// and the drawing is kept as the handover's evidence (HandoverSignature): re-encoded without
// metadata, stored by content hash in the photo store, never altered, in the audit chain. The
// handover becomes 已签收, confirmed as PHONE_SIGNATURE by the staff member whose phone took it.
// Who may take it: as for voiding, the handover's giver, the village's record keepers, or a
// secretary or admin who reaches the village. Only a handover still 待签收 can be signed.

import type { TSignHandoverRequest } from '../../../common/contracts/handover/sign-handover'
import { AppError, fieldError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { assertRecordsOpen } from '../households/household-open'
import type { PhotoStorage } from '../photos/storage'
import { handoverScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { takesEvidenceOf } from './evidence-takers'
import { getHandover } from './get-handover'
import { lockSignatureHash, processSignature, SIGNATURE_TYPE, signatureKey } from './signature-image'

/** A phone's clock may run a little fast; a signature from further ahead is refused. */
const CLOCK_SKEW_MS = 10 * 60_000

export const signHandover = async ({
  ctx,
  storage,
  input,
}: {
  /** `db` must be a transaction: the file is written as its last step. */
  ctx: ServiceContext
  storage: PhotoStorage | undefined
  input: TSignHandoverRequest
}) => {
  const before = await ctx.db.handover.findFirst({ where: { id: input.id, ...handoverScope(ctx.actor) } })
  if (!before) throw new AppError('NOT_FOUND')
  if (!takesEvidenceOf(ctx.actor, before))
    throw new AppError('FORBIDDEN', { message: '只有发放登记人、本村驻村干部或支部书记可以为发放记录采集签字' })
  if (before.voidedAt) throw new AppError('HANDOVER_ALREADY_VOIDED')
  if (before.state !== 'PENDING') throw new AppError('HANDOVER_NOT_PENDING')
  await assertRecordsOpen(ctx.db, before.householdId)
  const signedAt = new Date(input.signedAt)
  if (signedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw fieldError('signedAt', '签字时间晚于现在，请检查手机的日期和时间')
  }
  if (!storage) throw new AppError('PHOTO_STORAGE_UNAVAILABLE')
  const image = await processSignature(Buffer.from(input.signaturePng, 'base64'))
  await lockSignatureHash(ctx.db, image.sha256)

  // Only a handover still 待签收 changes: a second phone signing the same handover finds it signed.
  const { count } = await ctx.db.handover.updateMany({
    where: { id: before.id, state: 'PENDING', voidedAt: null },
    data: {
      state: 'CONFIRMED',
      confirmedAt: signedAt,
      confirmedById: ctx.actor.userId,
      confirmation: 'PHONE_SIGNATURE',
      version: { increment: 1 },
    },
  })
  if (count === 0) throw new AppError('HANDOVER_NOT_PENDING')
  const signature = await ctx.db.handoverSignature.create({
    data: {
      handoverId: before.id,
      sha256: image.sha256,
      mime: SIGNATURE_TYPE,
      width: image.width,
      height: image.height,
      bytes: image.bytes.length,
      storageKey: signatureKey(image.sha256),
      signerName: input.signerName || null,
      signedAt,
      capturedById: ctx.actor.userId,
    },
  })
  const after = await ctx.db.handover.findUniqueOrThrow({ where: { id: before.id } })
  const { signerName: _name, ...kept } = signature
  await writeAudit(ctx, {
    action: 'handover.sign',
    entityType: 'Handover',
    entityId: before.id,
    before,
    after: { ...after, signature: kept },
  })
  // Last: should the write fail, the transaction rolls back and nothing names the file.
  if (!(await storage.has(signature.storageKey))) await storage.put(signature.storageKey, image.bytes)
  return getHandover({ ctx, id: before.id })
}
