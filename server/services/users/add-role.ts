// Adds a role (职务) in an org to an account, from a day (default today). A 支部书记 adds 党员 roles
// in his subtree to the accounts he manages (grants.ts).
import type { TAddRoleRequest } from '../../../common/contracts/user/add-role'
import { writeAudit } from '../audit/write-audit'
import { today } from '../auth/periods'
import { assertRoleStarted } from './create-user'
import { getUser } from './get-user'
import { assertMayGrantRole } from './grants'
import { assertNoOverlap, dayOr } from './periods'
import { assertActive, lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const addRole = async ({ ctx, input }: { ctx: UserServiceContext; input: TAddRoleRequest }) => {
  const account = await lockManagedAccount(ctx, input.userId)
  assertActive(account)
  await assertMayGrantRole(ctx, input)
  const startedOn = dayOr(input.startedOn, today())
  assertRoleStarted(startedOn, 'startedOn')
  const recorded = await ctx.db.membership.findMany({
    where: { userId: account.id, orgId: input.orgId, role: input.role },
    select: { startedOn: true, endedOn: true },
  })
  assertNoOverlap(recorded, { startedOn, endedOn: null })
  const membership = await ctx.db.membership.create({
    data: { userId: account.id, orgId: input.orgId, role: input.role, title: input.title ?? null, startedOn },
  })
  await writeAudit(ctx, {
    action: 'user.addRole',
    entityType: 'User',
    entityId: account.id,
    after: { membershipId: membership.id, orgId: input.orgId, role: input.role, title: membership.title, startedOn },
  })
  return getUser({ ctx, id: account.id })
}
