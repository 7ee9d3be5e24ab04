import type { TUpdateActivityRequest } from '../../../common/contracts/activity/update-activity'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { activityWriteScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { activityColumns, activityOrgIds, assertActivityOrgs } from './activity-writes'
import { getActivity } from './get-activity'

export const updateActivity = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateActivityRequest }) => {
  const before = await ctx.db.activity.findFirst({
    where: { id: input.id, ...activityWriteScope(ctx.actor) },
    include: { orgs: true, absences: true },
  })
  if (!before) throw new AppError('NOT_FOUND')
  if (before.version !== input.version) throw versionConflict(before.version)
  await assertActivityOrgs(ctx, input, {
    organiserOrgId: before.organiserOrgId,
    participantOrgIds: before.orgs.map((o) => o.orgId),
    villageId: before.villageId,
  })

  const { count } = await ctx.db.activity.updateMany({
    where: { id: before.id, version: input.version },
    data: {
      ...activityColumns(input),
      version: { increment: 1 },
    },
  })
  if (count === 0) {
    const current = await ctx.db.activity.findUniqueOrThrow({ where: { id: before.id }, select: { version: true } })
    throw versionConflict(current.version)
  }
  await ctx.db.activityOrg.deleteMany({ where: { activityId: before.id } })
  await ctx.db.activityOrg.createMany({
    data: activityOrgIds(input.organiserOrgId, input.participantOrgIds).map((orgId) => ({
      activityId: before.id,
      orgId,
    })),
  })
  await ctx.db.activityAbsence.deleteMany({ where: { activityId: before.id } })
  await ctx.db.activityAbsence.createMany({ data: input.absences.map((a) => ({ ...a, activityId: before.id })) })
  const after = await ctx.db.activity.findUniqueOrThrow({
    where: { id: before.id },
    include: { orgs: true, absences: true },
  })
  await writeAudit(ctx, { action: 'activity.update', entityType: 'Activity', entityId: before.id, before, after })
  return getActivity({ ctx, id: before.id })
}
