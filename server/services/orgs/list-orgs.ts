// Orgs to choose from in forms: organisers (marked when within the caller's subtree), the orgs
// taking part, and donors. Org names are public; every signed-in staff member may list them.

import type { TListOrgsRequest } from '../../../common/contracts/org/list-orgs'
import { runAll } from '../../db/client'
import { orgSubtreeWhere } from '../scope'
import type { ServiceContext } from '../service-context'
import { containsText } from '../text-match'

export const listOrgs = async ({ ctx, input }: { ctx: ServiceContext; input: TListOrgsRequest }) => {
  // Closed orgs stay on old records but are not offered for new ones.
  const where = {
    AND: [
      { closedAt: null },
      input.kinds?.length ? { kind: { in: input.kinds } } : {},
      input.search ? { OR: [{ name: containsText(input.search) }, { shortName: containsText(input.search) }] } : {},
    ],
  }
  const [orgs, mine] = await runAll(ctx.db, [
    () =>
      ctx.db.org.findMany({
        where,
        select: { id: true, name: true, shortName: true, kind: true, parentId: true },
        orderBy: [{ path: 'asc' }],
        take: input.limit,
      }),
    () =>
      ctx.db.org.findMany({
        where: { AND: [where, orgSubtreeWhere(ctx.actor)] },
        select: { id: true },
        take: input.limit,
      }),
  ])
  const organisable = new Set(mine.map((o) => o.id))
  return orgs.map((org) => ({ ...org, canOrganise: organisable.has(org.id) }))
}
