// Ends a 驻村 post on a day (default today), e.g. at the team's hand-over; the row stays as history
// and the records made during the term stay where they are (administrators only).
import type { TEndPeriodRequest } from '../../../common/contracts/user/end-period'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { getUser } from './get-user'
import { endDayOf } from './periods'
import { isAdmin, lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

const notFound = () => new AppError('NOT_FOUND', { message: '没有找到这个驻村岗位' })

export const endPost = async ({ ctx, input }: { ctx: UserServiceContext; input: TEndPeriodRequest }) => {
  const owner = await ctx.db.cadreVillage.findUnique({ where: { id: input.id }, select: { userId: true } })
  if (!owner) throw notFound()
  const account = await lockManagedAccount(ctx, owner.userId)
  if (!isAdmin(ctx.actor)) throw new AppError('GRANT_NOT_ALLOWED')
  const post = await ctx.db.cadreVillage.findUnique({
    where: { id: input.id },
    select: { id: true, villageId: true, startedOn: true, endedOn: true },
  })
  if (!post) throw notFound()
  const others = await ctx.db.cadreVillage.findMany({
    where: { userId: account.id, villageId: post.villageId, id: { not: post.id } },
    select: { startedOn: true, endedOn: true },
  })
  const endedOn = endDayOf(post, input.endedOn, others)
  await ctx.db.cadreVillage.update({ where: { id: post.id }, data: { endedOn } })
  await writeAudit(ctx, {
    action: 'user.endPost',
    entityType: 'User',
    entityId: account.id,
    before: { postId: post.id, endedOn: post.endedOn },
    after: { postId: post.id, endedOn },
  })
  return getUser({ ctx, id: account.id })
}
