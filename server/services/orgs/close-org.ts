// 撤销: an org is never deleted, since its activities, donations and people's history point at it.
// Closing ends, on the day, the roles held in it and its pairings with villages; it leaves the
// pickers and takes no new records. An org with open child orgs is refused: they are closed or
// moved first, so that nothing open hangs below a closed org.
import type { TCloseOrgRequest } from '../../../common/contracts/org/close-org'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { today } from '../auth/periods'
import type { ServiceContext } from '../service-context'
import { getOrg } from './get-org'
import { assertMayRestructure, lockOrg } from './org-access'

export const closeOrg = async ({ ctx, input }: { ctx: ServiceContext; input: TCloseOrgRequest }) => {
  const org = await lockOrg(ctx, input.id)
  assertMayRestructure(ctx.actor, org)
  if (org.closedAt) throw new AppError('ORG_CLOSED', { message: '该组织已经撤销，无需重复操作' })
  if (org.version !== input.version) throw versionConflict(org.version)
  const openChildren = await ctx.db.org.count({ where: { parentId: org.id, closedAt: null } })
  if (openChildren) throw new AppError('ORG_HAS_OPEN_CHILDREN')

  // Roles and pairings still open, or planned to end later, end today.
  const day = today()
  const stillOpen = { orgId: org.id, OR: [{ endedOn: null }, { endedOn: { gt: day } }] }
  const roles = await ctx.db.membership.updateMany({ where: stillOpen, data: { endedOn: day } })
  const pairings = await ctx.db.orgVillagePair.updateMany({ where: stillOpen, data: { endedOn: day } })
  const closedAt = new Date()
  await ctx.db.org.update({
    where: { id: org.id },
    data: { closedAt, closedReason: input.reason, version: { increment: 1 } },
  })
  await writeAudit(ctx, {
    action: 'org.close',
    entityType: 'Org',
    entityId: org.id,
    after: { closedAt, reason: input.reason, rolesEnded: roles.count, pairingsEnded: pairings.count },
  })
  return getOrg({ ctx, id: org.id })
}
