// Who may change which org. Administrators: any org, and the top of the tree. A 支部书记: the orgs
// of his subtree (services/auth/reach.ts); he may add orgs below his own and rename his own, but
// move or close only the orgs strictly below it, since his reach hangs on his own org.
import { AppError } from '../../errors'
import { type Actor, hasRole, orgsWithRole } from '../auth/actor'
import type { ServiceContext } from '../service-context'

export type OrgRow = {
  id: string
  path: string
  parentId: string | null
  closedAt: Date | null
  version: number
}

const orgRowSelect = { id: true, path: true, parentId: true, closedAt: true, version: true } as const

const isAdmin = (actor: Actor) => hasRole(actor, 'ADMIN')

/** Whether the org is in one of the actor's subtrees (his own orgs included). */
export const isInSubtree = (actor: Actor, path: string): boolean =>
  isAdmin(actor) || orgsWithRole(actor, 'SECRETARY').some((m) => path.startsWith(m.orgPath))

/** Whether the org lies strictly below one of the actor's secretary orgs. */
const isBelowOwn = (actor: Actor, path: string): boolean =>
  isAdmin(actor) || orgsWithRole(actor, 'SECRETARY').some((m) => path.startsWith(m.orgPath) && path !== m.orgPath)

/** The org, locked for this transaction, if it exists; NOT_FOUND when it does not or is out of reach to read. */
export const lockOrg = async (ctx: ServiceContext, id: string): Promise<OrgRow> => {
  const [row] = await ctx.db.$queryRaw<OrgRow[]>`
    SELECT "id", "path", "parentId", "closedAt", "version" FROM "Org" WHERE "id" = ${id}::uuid FOR UPDATE`
  if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这个组织' })
  return row
}

export const findOrg = async (ctx: ServiceContext, id: string): Promise<OrgRow> => {
  const row = await ctx.db.org.findUnique({ where: { id }, select: orgRowSelect })
  if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这个组织' })
  return row
}

/** Adding an org under `parent` (null: at the top, administrators only). */
export const assertMayAddUnder = (actor: Actor, parent: OrgRow | null) => {
  if (!parent) {
    if (!isAdmin(actor)) throw new AppError('OUT_OF_SUBTREE', { message: '只有管理员可以新建最上级组织' })
    return
  }
  if (!isInSubtree(actor, parent.path)) throw new AppError('OUT_OF_SUBTREE')
  if (parent.closedAt) throw new AppError('ORG_CLOSED', { message: '上级组织已撤销，不能在它下面新建组织' })
}

export const assertMayRename = (actor: Actor, org: OrgRow) => {
  if (!isInSubtree(actor, org.path)) throw new AppError('OUT_OF_SUBTREE')
}

/** Moving or closing: below the actor's own org. */
export const assertMayRestructure = (actor: Actor, org: OrgRow) => {
  if (isBelowOwn(actor, org.path)) return
  throw new AppError('OUT_OF_SUBTREE', {
    message: isInSubtree(actor, org.path)
      ? '不能移动或撤销您担任书记的组织本身，如需调整请联系管理员'
      : '只能管理本组织及下级组织的事项，如需调整请联系管理员',
  })
}
