// What creating and updating an activity share: the checks on its orgs and village, and its columns.
import type { z } from 'zod'
import type { ZActivityFields } from '../../../common/contracts/activity/activity-fields'
import { dateOnlyToDate } from '../../../common/dates'
import { fieldError } from '../../errors'
import { orgSubtreeWhere } from '../scope'
import type { ServiceContext } from '../service-context'

/** The organiser must be the secretary's own org or below it; participants may be any org. */
export const assertActivityOrgs = async (
  ctx: ServiceContext,
  {
    organiserOrgId,
    participantOrgIds,
    villageId,
  }: { organiserOrgId: string; participantOrgIds: string[]; villageId?: string | null | undefined },
) => {
  const organiser = await ctx.db.org.findFirst({
    where: { id: organiserOrgId, ...orgSubtreeWhere(ctx.actor) },
    select: { id: true },
  })
  if (!organiser) throw fieldError('organiserOrgId', '只能以本支部或下级组织的名义组织活动')
  const ids = [...new Set(participantOrgIds)]
  const found = await ctx.db.org.count({ where: { id: { in: ids } } })
  if (found !== ids.length) throw fieldError('participantOrgIds', '参加单位中有不存在的组织，请重新选择')
  if (villageId && !(await ctx.db.village.findUnique({ where: { id: villageId }, select: { id: true } }))) {
    throw fieldError('villageId', '所选的村不存在')
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
