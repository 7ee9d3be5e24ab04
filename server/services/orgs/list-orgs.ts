// Orgs to choose from in forms: organisers (marked when within the caller's subtree), the orgs
// taking part, and donors; found by part of a name, a page at a time in tree order. Org names are
// public; every signed-in staff member may list them. Closed orgs stay on old records but are not
// offered for new ones.

import type { TListOrgsRequest } from '../../../common/contracts/org/list-orgs'
import { toPage } from '../../../common/pagination'
import { PAGE_RELATIONS } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { orgSubtreeWhere } from '../scope'
import type { ServiceContext } from '../service-context'
import { containsText } from '../text-match'
import { isInSubtree } from './org-access'
import { orgPlaceSelect } from './org-views'

export const listOrgs = async ({ ctx, input }: { ctx: ServiceContext; input: TListOrgsRequest }) => {
  const where: Prisma.OrgWhereInput = {
    AND: [
      { closedAt: null },
      input.kinds?.length ? { kind: { in: input.kinds } } : {},
      input.ids ? { id: { in: input.ids } } : {},
      input.isOrganisable ? orgSubtreeWhere(ctx.actor) : {},
      input.search ? { OR: [{ name: containsText(input.search) }, { shortName: containsText(input.search) }] } : {},
    ],
  }
  const rows = await ctx.db.org.findMany({
    where,
    select: { ...orgPlaceSelect, parent: { select: { name: true } } },
    orderBy: { path: 'asc' },
    ...PAGE_RELATIONS,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  return toPage(
    rows.map(({ path, parent, ...org }) => ({
      ...org,
      parentName: parent?.name ?? null,
      canOrganise: isInSubtree(ctx.actor, path),
    })),
    input.limit,
  )
}
