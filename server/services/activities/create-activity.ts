import type { TCreateActivityRequest } from '../../../common/contracts/activity/create-activity'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { activityColumns, activityOrgIds, assertActivityOrgs } from './activity-writes'
import { getActivity } from './get-activity'

export const createActivity = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateActivityRequest }) => {
  await assertActivityOrgs(ctx, input)
  await assertNewId(input.id, (id) => ctx.db.activity.findUnique({ where: { id }, select: { id: true } }))
  const created = await ctx.db.activity.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      ...activityColumns(input),
      createdById: ctx.actor.userId,
      orgs: {
        createMany: { data: activityOrgIds(input.organiserOrgId, input.participantOrgIds).map((orgId) => ({ orgId })) },
      },
      absences: { createMany: { data: input.absences } },
    },
    include: { orgs: true, absences: true },
  })
  await writeAudit(ctx, { action: 'activity.create', entityType: 'Activity', entityId: created.id, after: created })
  return getActivity({ ctx, id: created.id })
}
