// 管理 → 人员 → 新建: a staff account with its roles (职务) and 驻村 posts, and a one-time password,
// answered once, to hand to the person: they must change it at the first sign-in. Everything is
// checked before anything is written; a refusal names the field.
import type { TCreateUserRequest } from '../../../common/contracts/user/create-user'
import { fieldError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import { hashPassword } from '../auth/passwords'
import { today } from '../auth/periods'
import { getUser } from './get-user'
import { assertMayAssignPost, assertMayGrantRole } from './grants'
import { insertAccount } from './insert-account'
import { oneTimePassword } from './one-time-password'
import { dayOr } from './periods'
import { assertPhoneFree } from './phone-free'
import type { UserServiceContext } from './user-context'

/** Roles count from a day that has come: one starting later would leave the account out of every list. */
export const assertRoleStarted = (startedOn: Date, field: string) => {
  if (startedOn > today()) throw fieldError(field, '开始日期不能晚于今天')
}

export const createUser = async ({ ctx, input }: { ctx: UserServiceContext; input: TCreateUserRequest }) => {
  await assertNewId(input.id, (id) => ctx.db.user.findUnique({ where: { id }, select: { id: true } }))
  const day = today()
  const grants = new Set<string>()
  const roles = []
  for (const [i, role] of input.roles.entries()) {
    const key = `${role.orgId}:${role.role}`
    if (grants.has(key)) throw fieldError(`roles.${i}.role`, '同一组织的同一角色只能添加一次')
    grants.add(key)
    await assertMayGrantRole(ctx, role, `roles.${i}.`)
    const startedOn = dayOr(role.startedOn, day)
    assertRoleStarted(startedOn, `roles.${i}.startedOn`)
    roles.push({ orgId: role.orgId, role: role.role, title: role.title ?? null, startedOn })
  }
  const villages = new Set<string>()
  const posts = []
  for (const [i, post] of input.posts.entries()) {
    if (villages.has(post.villageId)) throw fieldError(`posts.${i}.villageId`, '同一个村只能安排一个驻村岗位')
    villages.add(post.villageId)
    await assertMayAssignPost(ctx, post.villageId, `posts.${i}.`)
    const startedOn = dayOr(post.startedOn, day)
    const endedOn = post.endedOn ? dayOr(post.endedOn, day) : null
    if (endedOn && endedOn <= startedOn) throw fieldError(`posts.${i}.endedOn`, '结束日期须晚于开始日期')
    posts.push({ villageId: post.villageId, post: post.post, startedOn, endedOn })
  }
  await assertPhoneFree(ctx.db, input.phone)
  const password = oneTimePassword()
  const { id, audited } = await insertAccount(ctx.db, {
    id: input.id,
    displayName: input.displayName,
    phone: input.phone,
    passwordHash: await hashPassword(password),
    roles,
    posts,
  })
  await writeAudit(ctx, { action: 'user.create', entityType: 'User', entityId: id, after: audited })
  return { user: await getUser({ ctx, id }), oneTimePassword: password }
}
