// A visit or donation can name a household outside the reader's scope: a law firm's branch sees
// the activity it joined, and its own donations, even where the household lies in a village not
// paired with it. Such records still count in the totals, but the household itself (a name in a
// relief ledger is personal data) is shown only to those who may see it.
import { hasRole } from '../auth/actor'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'

export const visibleHouseholdIds = async (
  ctx: ServiceContext,
  ids: Iterable<string | null | undefined>,
): Promise<Set<string>> => {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))]
  if (!wanted.length || hasRole(ctx.actor, 'ADMIN')) return new Set(wanted)
  const rows = await ctx.db.household.findMany({
    where: { id: { in: wanted }, ...householdScope(ctx.actor) },
    select: { id: true },
  })
  return new Set(rows.map((r) => r.id))
}

/** The rows, with `household` set to null where the reader may not see it. */
export const withoutHiddenHouseholds = async <T extends { household: { id: string } | null }>(
  ctx: ServiceContext,
  rows: T[],
): Promise<T[]> => {
  const visible = await visibleHouseholdIds(
    ctx,
    rows.map((r) => r.household?.id),
  )
  return rows.map((r) => (r.household && !visible.has(r.household.id) ? { ...r, household: null } : r))
}
