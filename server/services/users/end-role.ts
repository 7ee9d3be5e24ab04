// Ends a role on a day (default today): from that day it no longer counts; the row stays as
// history. A 支部书记 ends 党员 roles in his subtree; the last active administrator keeps his.
import type { TEndPeriodRequest } from '../../../common/contracts/user/end-period'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { isLive } from '../auth/periods'
import { isInSubtree } from '../orgs/org-access'
import { getUser } from './get-user'
import { assertAnotherAdmin } from './last-admin'
import { endDayOf } from './periods'
import { isAdmin, lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

const notFound = () => new AppError('NOT_FOUND', { message: '没有找到这项职务' })

export const endRole = async ({ ctx, input }: { ctx: UserServiceContext; input: TEndPeriodRequest }) => {
  const owner = await ctx.db.membership.findUnique({ where: { id: input.id }, select: { userId: true } })
  if (!owner) throw notFound()
  const account = await lockManagedAccount(ctx, owner.userId)
  const role = await ctx.db.membership.findUnique({
    where: { id: input.id },
    select: { id: true, role: true, orgId: true, startedOn: true, endedOn: true, org: { select: { path: true } } },
  })
  if (!role) throw notFound()
  if (!isAdmin(ctx.actor) && !(role.role === 'MEMBER' && isInSubtree(ctx.actor, role.org.path)))
    throw new AppError('GRANT_NOT_ALLOWED')
  const others = await ctx.db.membership.findMany({
    where: { userId: account.id, orgId: role.orgId, role: role.role, id: { not: role.id } },
    select: { startedOn: true, endedOn: true },
  })
  const endedOn = endDayOf(role, input.endedOn, others)
  if (role.role === 'ADMIN' && account.isActive && isLive(role))
    await assertAnotherAdmin(ctx.db, { exceptMembershipId: role.id })
  await ctx.db.membership.update({ where: { id: role.id }, data: { endedOn } })
  await writeAudit(ctx, {
    action: 'user.endRole',
    entityType: 'User',
    entityId: account.id,
    before: { membershipId: role.id, endedOn: role.endedOn },
    after: { membershipId: role.id, endedOn },
  })
  return getUser({ ctx, id: account.id, justChanged: true })
}
