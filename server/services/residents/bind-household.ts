// Links a WeChat user to their household, once, after they prove it with the 户主's name and
// ID number (compared through the blind index; the number itself is never looked up in clear).
// Guessing is held back by the same lockout as password logins, per account and per IP (meta
// `proof`): a match both binds and tells that a person is registered as a 困难户.

import type { TBindHouseholdRequest } from '../../../common/contracts/resident/bind-household'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { loadActor } from '../auth/actor'
import { describeUser } from '../auth/describe-user'
import type { ServiceContext } from '../service-context'

export const bindHousehold = async ({ ctx, input }: { ctx: ServiceContext; input: TBindHouseholdRequest }) => {
  if (ctx.actor.householdId) throw new AppError('RESIDENT_ALREADY_BOUND')
  // Staff accounts record households; they do not join one through this door.
  if (ctx.actor.memberships.length) {
    throw new AppError('FORBIDDEN', { message: '工作人员账号不能绑定家庭户，请用本人微信登录后绑定' })
  }
  const household = await ctx.db.household.findFirst({
    where: { idNumberHash: { in: ctx.crypto.blindIndexes(input.idNumber, 'idNumber') }, headName: input.headName },
    select: { id: true },
  })
  if (!household) throw new AppError('RESIDENT_BIND_NO_MATCH')
  // Two binds racing from one account: only the first finds the account still unbound.
  const { count } = await ctx.db.user.updateMany({
    where: { id: ctx.actor.userId, householdId: null },
    data: { householdId: household.id, version: { increment: 1 } },
  })
  if (count === 0) throw new AppError('RESIDENT_ALREADY_BOUND')
  await writeAudit(ctx, {
    action: 'resident.bind',
    entityType: 'User',
    entityId: ctx.actor.userId,
    after: { householdId: household.id },
  })
  return describeUser(ctx.db, await loadActor(ctx.db, ctx.actor.userId))
}
