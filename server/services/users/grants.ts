// What an actor may grant. Administrators: any role in any open org, and 驻村 posts. A 支部书记:
// the 党员 (MEMBER) role, in the open orgs of his subtree. `field` is where the form shows a
// refusal: '' for user.addRole's own fields, 'roles.2.' for a row of user.create.
import type { OrgRole } from '../../../common/contracts/user/user-fields'
import { AppError, fieldError } from '../../errors'
import { isInSubtree } from '../orgs/org-access'
import type { ServiceContext } from '../service-context'
import { isAdmin } from './user-access'

const onField = (field: string, message: string) => ({ fieldErrors: { [field]: [message] } })

export const assertMayGrantRole = async (ctx: ServiceContext, grant: { orgId: string; role: OrgRole }, field = '') => {
  if (grant.role !== 'MEMBER' && !isAdmin(ctx.actor))
    throw new AppError('GRANT_NOT_ALLOWED', onField(`${field}role`, '支部书记只能添加党员角色'))
  // FOR SHARE waits for an org.close in progress (it holds the row): a role never lands in an org
  // that closed at the same moment.
  const [org] = await ctx.db.$queryRaw<{ path: string; closedAt: Date | null }[]>`
    SELECT "path", "closedAt" FROM "Org" WHERE "id" = ${grant.orgId}::uuid FOR SHARE`
  if (!org) throw fieldError(`${field}orgId`, '所选组织不存在')
  if (!isInSubtree(ctx.actor, org.path))
    throw new AppError('OUT_OF_SUBTREE', onField(`${field}orgId`, '只能在本组织及下级组织中添加党员'))
  if (org.closedAt) throw new AppError('ORG_CLOSED', onField(`${field}orgId`, '该组织已撤销，不能再添加人员'))
}

export const assertMayAssignPost = async (ctx: ServiceContext, villageId: string, field = '') => {
  if (!isAdmin(ctx.actor)) throw new AppError('GRANT_NOT_ALLOWED', onField(`${field}villageId`, '驻村岗位由管理员安排'))
  const village = await ctx.db.village.findUnique({ where: { id: villageId }, select: { id: true } })
  if (!village) throw fieldError(`${field}villageId`, '所选的村不存在')
}
