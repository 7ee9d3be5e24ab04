// Links a WeChat user to their household, once, after they prove it with the 户主's name and
// ID number (compared through the blind index; the number itself is never looked up in clear).
import { AppError } from '../../errors'
import type { TBindHouseholdRequest } from '../../routers/resident/bind-household.types'
import { writeAudit } from '../audit/write-audit'
import { loadActor } from '../auth/actor'
import { describeUser } from '../auth/describe-user'
import type { ServiceContext } from '../service-context'

export const bindHousehold = async ({ ctx, input }: { ctx: ServiceContext; input: TBindHouseholdRequest }) => {
  if (ctx.actor.householdId) throw new AppError('RESIDENT_ALREADY_BOUND')
  const household = await ctx.db.household.findFirst({
    where: { idNumberHash: ctx.crypto.blindIndex(input.idNumber, 'idNumber'), headName: input.headName },
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
