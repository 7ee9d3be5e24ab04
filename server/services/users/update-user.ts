// Corrects an account's name or sign-in phone. Records made by the account keep pointing at it, so
// they show the corrected name.
import type { TUpdateUserRequest } from '../../../common/contracts/user/update-user'
import { versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { getUser } from './get-user'
import { assertPhoneFree } from './phone-free'
import { lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const updateUser = async ({ ctx, input }: { ctx: UserServiceContext; input: TUpdateUserRequest }) => {
  const account = await lockManagedAccount(ctx, input.id)
  if (account.version !== input.version) throw versionConflict(account.version)
  if (input.phone !== account.phone) await assertPhoneFree(ctx.db, input.phone, account.id)
  await ctx.db.user.update({
    where: { id: account.id },
    data: { displayName: input.displayName, phone: input.phone, version: { increment: 1 } },
  })
  await writeAudit(ctx, {
    action: 'user.update',
    entityType: 'User',
    entityId: account.id,
    before: { displayName: account.displayName, phone: account.phone },
    after: { displayName: input.displayName, phone: input.phone },
  })
  return getUser({ ctx, id: account.id })
}
