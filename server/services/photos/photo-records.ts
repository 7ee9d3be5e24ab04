// The records photos belong to, and who reaches them (services/scope.ts):
//   - seeing a photo: whoever sees its record (activityScope, visitScope, donationScope);
//   - adding one: whoever may edit the record, as activity.update, visit.update and donation.update;
//   - removing one: its uploader, or whoever may edit the record.
// Out of scope answers NOT_FOUND, exactly as a record that does not exist.
import type { Role } from '../../../common/enums'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import { type Actor, hasRole, STAFF_ROLES } from '../auth/actor'
import { assertRecordsOpen } from '../households/household-open'
import {
  activityScope,
  activityWriteScope,
  donationScope,
  donationWriteScope,
  keepsRecordsOf,
  visitScope,
} from '../scope'
import type { ServiceContext } from '../service-context'

export type PhotoTargetKind = 'activity' | 'visit' | 'donation'
export type PhotoTarget = { kind: PhotoTargetKind; id: string }

/** The one id given (the schemas check there is exactly one). */
export const photoTargetOf = (input: {
  activityId?: string | undefined
  visitId?: string | undefined
  donationId?: string | undefined
}): PhotoTarget => {
  if (input.activityId) return { kind: 'activity', id: input.activityId }
  if (input.visitId) return { kind: 'visit', id: input.visitId }
  if (input.donationId) return { kind: 'donation', id: input.donationId }
  throw new AppError('VALIDATION_FAILED')
}

/** The Photo column that names the record. */
export const targetColumn = { activity: 'activityId', visit: 'visitId', donation: 'donationId' } as const

/** The target of a stored photo. */
export const targetOfPhoto = (photo: {
  activityId: string | null
  visitId: string | null
  donationId: string | null
}): PhotoTarget =>
  photoTargetOf({
    activityId: photo.activityId ?? undefined,
    visitId: photo.visitId ?? undefined,
    donationId: photo.donationId ?? undefined,
  })

/** The roles of each record's update procedure (server/trpc.ts): the upload route's gate. */
export const ATTACH_ROLES: Record<PhotoTargetKind, readonly Role[]> = {
  activity: ['ADMIN', 'SECRETARY'], // activity.update: secretaryProcedure
  visit: STAFF_ROLES, // visit.update: staffProcedure
  donation: ['ADMIN', 'SECRETARY'], // donation.update: secretaryProcedure
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
        ],
      }

/** Whether the actor sees the record (for listing its photos). */
export const assertRecordVisible = async (ctx: ServiceContext, target: PhotoTarget) => {
  const where = { id: target.id }
  const found =
    target.kind === 'activity'
      ? await ctx.db.activity.findFirst({ where: { ...where, ...activityScope(ctx.actor) }, select: { id: true } })
      : target.kind === 'visit'
        ? await ctx.db.visit.findFirst({ where: { ...where, ...visitScope(ctx.actor) }, select: { id: true } })
        : await ctx.db.donation.findFirst({ where: { ...where, ...donationScope(ctx.actor) }, select: { id: true } })
  if (!found) throw new AppError('NOT_FOUND')
}

type Editable = { householdId: string | null; voidedAt: Date | null }

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
    return { householdId: null, voidedAt: null }
  }
  if (target.kind === 'visit') {
    const visit = await ctx.db.visit.findFirst({
      where: { id: target.id, ...visitScope(ctx.actor) },
      select: { createdById: true, villageId: true, householdId: true },
    })
    if (!visit) throw new AppError('NOT_FOUND')
    if (visit.createdById !== ctx.actor.userId && !keepsRecordsOf(ctx.actor, visit.villageId))
      throw new AppError('FORBIDDEN', { message: '只有走访登记人或本村驻村干部可以为这条走访记录添加或删除照片' })
    return { householdId: visit.householdId, voidedAt: null }
  }
  const donation = await ctx.db.donation.findFirst({
    where: { id: target.id, ...donationWriteScope(ctx.actor) },
    select: { householdId: true, voidedAt: true },
  })
  if (!donation) throw new AppError('NOT_FOUND')
  return donation
}

/** May the actor add a photo to the record now: they may edit it, and it still takes records. */
export const assertMayAttach = async (ctx: ServiceContext, target: PhotoTarget) => {
  const record = await editableRecord(ctx, target)
  if (record.voidedAt) throw new AppError('DONATION_ALREADY_VOIDED', { message: '已作废的捐赠不能再添加照片' })
  // A photo of an anonymised household's visit would bring back what retention erased.
  await assertRecordsOpen(ctx.db, record.householdId)
}
