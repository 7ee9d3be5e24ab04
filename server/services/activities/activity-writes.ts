// What creating and updating an activity share: the checks on its orgs and village, and its columns.
import type { z } from 'zod'
import type { ZActivityFields } from '../../../common/contracts/activity/activity-fields'
import { dateOnlyToDate } from '../../../common/dates'
import { fieldError } from '../../errors'
import { orgSubtreeWhere, reachesVillage } from '../scope'
import type { ServiceContext } from '../service-context'

type ActivityOrgs = { organiserOrgId: string; participantOrgIds: string[]; villageId?: string | null | undefined }

/**
 * The organiser must be the secretary's own org or below it; participants may be any org. Closed
 * orgs take no new activities: only an org already on the activity (`before`) may stay on it.
 * The village must be one the secretary reaches (paired with his subtree), so that the activity's
 * figures are the same on every screen he sees them on (docs/architecture.md, "Data scope").
 */
export const assertActivityOrgs = async (ctx: ServiceContext, input: ActivityOrgs, before?: ActivityOrgs) => {
  const kept = new Set(before ? [before.organiserOrgId, ...before.participantOrgIds] : [])
  const organiser = await ctx.db.org.findFirst({
    where: { id: input.organiserOrgId, ...orgSubtreeWhere(ctx.actor) },
    select: { id: true, closedAt: true },
  })
  if (!organiser) throw fieldError('organiserOrgId', '只能以本支部或下级组织的名义组织活动')
  if (organiser.closedAt && !kept.has(organiser.id)) throw fieldError('organiserOrgId', '该组织已撤销，请选择其他组织')
  const ids = [...new Set(input.participantOrgIds)]
  const found = await ctx.db.org.findMany({ where: { id: { in: ids } }, select: { id: true, closedAt: true } })
  if (found.length !== ids.length) throw fieldError('participantOrgIds', '参加单位中有不存在的组织，请重新选择')
  if (found.some((org) => org.closedAt && !kept.has(org.id))) {
    throw fieldError('participantOrgIds', '参加单位中有已撤销的组织，请重新选择')
  }
  const villageId = input.villageId ?? null
  if (villageId && villageId !== (before?.villageId ?? null) && !(await reachesVillage(ctx.db, ctx.actor, villageId))) {
    throw fieldError('villageId', '所选的村不存在，或不是本组织结对帮扶的村')
  }
}

/** The organiser always takes part. */
export const activityOrgIds = (organiserOrgId: string, participantOrgIds: string[]) => [
  ...new Set([organiserOrgId, ...participantOrgIds]),
]

/** The activity's own columns from the form's fields (its orgs and absences are rows of their own). */
export const activityColumns = (fields: z.infer<typeof ZActivityFields>) => ({
  kind: fields.kind,
  theme: fields.theme,
  heldOn: dateOnlyToDate(fields.heldOn),
  villageId: fields.villageId ?? null,
  place: fields.place ?? null,
  organiserOrgId: fields.organiserOrgId,
  summary: fields.summary ?? null,
  expectedCount: fields.expectedCount,
  presentCount: fields.presentCount,
  status: fields.status,
})
