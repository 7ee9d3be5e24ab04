// Assigns a 驻村 post (岗位) in a village to an account, for a term (administrators only).
import type { TAddPostRequest } from '../../../common/contracts/user/add-post'
import { fieldError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { today } from '../auth/periods'
import { getUser } from './get-user'
import { assertMayAssignPost } from './grants'
import { assertNoOverlap, dayOr } from './periods'
import { assertActive, lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const addPost = async ({ ctx, input }: { ctx: UserServiceContext; input: TAddPostRequest }) => {
  const account = await lockManagedAccount(ctx, input.userId)
  assertActive(account)
  await assertMayAssignPost(ctx, input.villageId)
  const startedOn = dayOr(input.startedOn, today())
  const endedOn = input.endedOn ? dayOr(input.endedOn, startedOn) : null
  if (endedOn && endedOn <= startedOn) throw fieldError('endedOn', '结束日期须晚于开始日期')
  const recorded = await ctx.db.cadreVillage.findMany({
    where: { userId: account.id, villageId: input.villageId },
    select: { startedOn: true, endedOn: true },
  })
  assertNoOverlap(recorded, { startedOn, endedOn })
  const post = await ctx.db.cadreVillage.create({
    data: { userId: account.id, villageId: input.villageId, post: input.post, startedOn, endedOn },
  })
  await writeAudit(ctx, {
    action: 'user.addPost',
    entityType: 'User',
    entityId: account.id,
    after: { postId: post.id, villageId: input.villageId, post: input.post, startedOn, endedOn },
  })
  return getUser({ ctx, id: account.id })
}
