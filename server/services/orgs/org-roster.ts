// Every open org, compact (id, name, short name, kind), for the org picker to search on the phone
// with no signal. Org names are public, as in org.list. The stamp (how many, and the latest
// change) lets a phone that already holds the current copy be answered without the rows.
import type { TOrgRosterRequest } from '../../../common/contracts/org/org-roster'
import type { ServiceContext } from '../service-context'

export const orgRoster = async ({ ctx, input }: { ctx: ServiceContext; input: TOrgRosterRequest }) => {
  const where = { closedAt: null }
  const summary = await ctx.db.org.aggregate({ where, _count: { _all: true }, _max: { updatedAt: true } })
  const stamp = `${summary._count._all}@${summary._max.updatedAt?.getTime() ?? 0}`
  if (stamp === input.stamp) return { stamp, orgs: null }
  const orgs = await ctx.db.org.findMany({
    where,
    select: { id: true, name: true, shortName: true, kind: true },
    orderBy: { path: 'asc' },
  })
  return { stamp, orgs }
}
