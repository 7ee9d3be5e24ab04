// Activities held (published) in the actor's scope, as a raw read (the summary sends it with its
// rollup reads, as one statement: db/raw-batch.ts). activityScope is an OR of arms — the
// activities of their orgs, those in a cadre's villages — and PostgreSQL serves no OR across a
// join with an index: it read every activity of the province for a cadre (356 ms). Each arm is
// read through its own index (ActivityOrg(orgId), Activity(villageId, heldOn)) and the ids united.
import type { RawReader } from '../../db/raw-batch'
import { Prisma } from '../../generated/prisma/client'
import type { Actor } from '../auth/actor'
import { activityScopeArmsSql } from '../scope'

export const countActivitiesHeld = async (
  db: RawReader,
  actor: Actor,
  /** Only this village's; every village in scope by default. */
  villageId?: string | undefined,
): Promise<number> => {
  const arms = activityScopeArmsSql(actor) ?? [Prisma.sql`TRUE`]
  if (!arms.length) return 0
  const held = Prisma.sql`a.status = 'PUBLISHED'${villageId ? Prisma.sql` AND a."villageId" = ${villageId}::uuid` : Prisma.empty}`
  const ids = arms.map((arm) => Prisma.sql`SELECT a.id FROM "Activity" a WHERE ${arm} AND ${held}`)
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM (${Prisma.join(ids, ' UNION ')}) ids`
  return row?.count ?? 0
}
