// 管理 → 组织: one level of the tree at a time (the children of an org, or the top of the
// caller's tree), or, with a search, the orgs anywhere in the caller's tree whose name contains
// it. Paged by name. A secretary's tree starts at the orgs he is secretary of.
import type { TListOrgTreeRequest } from '../../../common/contracts/org/list-org-tree'
import { toPage } from '../../../common/pagination'
import type { Prisma } from '../../generated/prisma/client'
import { hasRole, orgsWithRole } from '../auth/actor'
import { today } from '../auth/periods'
import type { ServiceContext } from '../service-context'
import { containsText, startsWithText } from '../text-match'
import { orgViewSelect, toOrgView } from './org-views'

const subtreeOf = (ctx: ServiceContext): Prisma.OrgWhereInput => {
  if (hasRole(ctx.actor, 'ADMIN')) return {}
  const roots = orgsWithRole(ctx.actor, 'SECRETARY')
  return { OR: roots.length ? roots.map((m) => ({ path: startsWithText(m.orgPath) })) : [{ id: { in: [] } }] }
}

const levelOf = (ctx: ServiceContext, parentId: string | null | undefined): Prisma.OrgWhereInput => {
  if (parentId) return { parentId }
  if (hasRole(ctx.actor, 'ADMIN')) return { parentId: null }
  return { id: { in: orgsWithRole(ctx.actor, 'SECRETARY').map((m) => m.orgId) } }
}

export const listOrgTree = async ({ ctx, input }: { ctx: ServiceContext; input: TListOrgTreeRequest }) => {
  const where: Prisma.OrgWhereInput = {
    AND: [
      subtreeOf(ctx),
      input.search ? { name: containsText(input.search) } : levelOf(ctx, input.parentId),
      input.includeClosed ? {} : { closedAt: null },
    ],
  }
  // The page's ids first, then what hangs on those orgs alone: counted with the rows, the counts
  // would be made for every org that matches before the page is cut (a search matches thousands).
  const page = await ctx.db.org.findMany({
    where,
    select: { id: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  const rows = await ctx.db.org.findMany({
    where: { id: { in: page.map((org) => org.id) } },
    select: orgViewSelect(today()),
  })
  const byId = new Map(rows.map((row) => [row.id, row]))
  return toPage(
    page.flatMap(({ id }) => {
      const row = byId.get(id)
      return row ? [toOrgView(ctx.actor, row)] : []
    }),
    input.limit,
  )
}
