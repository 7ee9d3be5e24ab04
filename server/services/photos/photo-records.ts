// The records photos belong to, and who reaches them (services/scope.ts):
//   - seeing a photo: whoever sees its record (activityScope, visitScope, donationScope,
//     handoverScope);
//   - adding one: whoever may edit the record, as activity.update, visit.update and donation.update;
//     for a handover, whoever may take its signature (handover.sign), before or after it is signed;
//   - removing one: its uploader, or whoever may edit the record.
// Out of scope answers NOT_FOUND, exactly as a record that does not exist.
import type { Role } from '../../../common/enums'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import { type Actor, hasRole, STAFF_ROLES } from '../auth/actor'
import { takesEvidenceOf } from '../handovers/evidence-takers'
import { assertRecordsOpen } from '../households/household-open'
import {
  activityScope,
  activityWriteScope,
  donationScope,
  donationWriteScope,
  handoverScope,
  keepsRecordsOf,
  visitScope,
} from '../scope'
import type { ServiceContext } from '../service-context'

export type PhotoTargetKind = 'activity' | 'visit' | 'donation' | 'handover'
export type PhotoTarget = { kind: PhotoTargetKind; id: string }

/** The one id given (the schemas check there is exactly one). */
export const photoTargetOf = (input: {
  activityId?: string | undefined
  visitId?: string | undefined
  donationId?: string | undefined
  handoverId?: string | undefined
}): PhotoTarget => {
  if (input.activityId) return { kind: 'activity', id: input.activityId }
  if (input.visitId) return { kind: 'visit', id: input.visitId }
  if (input.donationId) return { kind: 'donation', id: input.donationId }
  if (input.handoverId) return { kind: 'handover', id: input.handoverId }
  throw new AppError('VALIDATION_FAILED')
}

/** The Photo column that names the record. */
export const targetColumn = {
  activity: 'activityId',
  visit: 'visitId',
  donation: 'donationId',
  handover: 'handoverId',
} as const

/** The target of a stored photo. */
export const targetOfPhoto = (photo: {
  activityId: string | null
  visitId: string | null
  donationId: string | null
  handoverId: string | null
}): PhotoTarget =>
  photoTargetOf({
    activityId: photo.activityId ?? undefined,
    visitId: photo.visitId ?? undefined,
    donationId: photo.donationId ?? undefined,
    handoverId: photo.handoverId ?? undefined,
  })

/** The roles of each record's update procedure (server/trpc.ts): the upload route's gate. */
export const ATTACH_ROLES: Record<PhotoTargetKind, readonly Role[]> = {
  activity: ['ADMIN', 'SECRETARY'], // activity.update: secretaryProcedure
  visit: STAFF_ROLES, // visit.update: staffProcedure
  donation: ['ADMIN', 'SECRETARY'], // donation.update: secretaryProcedure
  handover: STAFF_ROLES, // handover.sign: staffProcedure
}

/** Photos whose record the actor sees. */
export const photoScope = (actor: Actor): Prisma.PhotoWhereInput =>
  hasRole(actor, 'ADMIN')
    ? {}
    : {
        OR: [
          { activityId: { not: null }, activity: activityScope(actor) },
          { visitId: { not: null }, visit: visitScope(actor) },
          { donationId: { not: null }, donation: donationScope(actor) },
          { handoverId: { not: null }, handover: handoverScope(actor) },
        ],
      }

/** Whether the actor sees the record (for listing its photos). */
export const assertRecordVisible = async (ctx: ServiceContext, target: PhotoTarget) => {
  const where = { id: target.id }
  const select = { id: true }
  const { actor } = ctx
  const found =
    target.kind === 'activity'
      ? await ctx.db.activity.findFirst({ where: { ...where, ...activityScope(actor) }, select })
      : target.kind === 'visit'
        ? await ctx.db.visit.findFirst({ where: { ...where, ...visitScope(actor) }, select })
        : target.kind === 'donation'
          ? await ctx.db.donation.findFirst({ where: { ...where, ...donationScope(actor) }, select })
          : await ctx.db.handover.findFirst({ where: { ...where, ...handoverScope(actor) }, select })
  if (!found) throw new AppError('NOT_FOUND')
}

type Editable = { kind: PhotoTargetKind; householdId: string | null; voidedAt: Date | null }

/** A handover, if the actor may take its evidence (as handover.sign). */
const editableHandover = async (ctx: ServiceContext, id: string): Promise<Editable> => {
  const handover = await ctx.db.handover.findFirst({
    where: { id, ...handoverScope(ctx.actor) },
    select: { createdById: true, handedOverById: true, villageId: true, householdId: true, voidedAt: true },
  })
  if (!handover) throw new AppError('NOT_FOUND')
  if (!takesEvidenceOf(ctx.actor, handover))
    throw new AppError('FORBIDDEN', { message: '只有发放登记人、本村驻村干部或支部书记可以为发放记录添加或删除照片' })
  return { kind: 'handover', householdId: handover.householdId, voidedAt: handover.voidedAt }
}

/**
 * The record, if the actor may edit it; NOT_FOUND when they may not see it, FORBIDDEN when they
 * see it but may not edit it (a visit someone else logged, in a village they do not keep).
 */
export const editableRecord = async (ctx: ServiceContext, target: PhotoTarget): Promise<Editable> => {
  if (target.kind === 'activity') {
    const activity = await ctx.db.activity.findFirst({
      where: { id: target.id, ...activityWriteScope(ctx.actor) },
      select: { id: true },
    })
    if (!activity) throw new AppError('NOT_FOUND')
    return { kind: 'activity', householdId: null, voidedAt: null }
  }
  if (target.kind === 'visit') {
    const visit = await ctx.db.visit.findFirst({
      where: { id: target.id, ...visitScope(ctx.actor) },
      select: { createdById: true, villageId: true, householdId: true },
    })
    if (!visit) throw new AppError('NOT_FOUND')
    if (visit.createdById !== ctx.actor.userId && !keepsRecordsOf(ctx.actor, visit.villageId))
      throw new AppError('FORBIDDEN', { message: '只有走访登记人或本村驻村干部可以为这条走访记录添加或删除照片' })
    return { kind: 'visit', householdId: visit.householdId, voidedAt: null }
  }
  if (target.kind === 'handover') return editableHandover(ctx, target.id)
  const donation = await ctx.db.donation.findFirst({
    where: { id: target.id, ...donationWriteScope(ctx.actor) },
    select: { householdId: true, voidedAt: true },
  })
  if (!donation) throw new AppError('NOT_FOUND')
  return { kind: 'donation', ...donation }
}

/** May the actor add a photo to the record now: they may edit it, and it still takes records. */
export const assertMayAttach = async (ctx: ServiceContext, target: PhotoTarget) => {
  const record = await editableRecord(ctx, target)
  if (record.voidedAt && record.kind === 'handover')
    throw new AppError('HANDOVER_ALREADY_VOIDED', { message: '已作废的发放记录不能再添加照片' })
  if (record.voidedAt) throw new AppError('DONATION_ALREADY_VOIDED', { message: '已作废的捐赠不能再添加照片' })
  // A photo of an anonymised household's visit would bring back what retention erased.
  await assertRecordsOpen(ctx.db, record.householdId)
}
