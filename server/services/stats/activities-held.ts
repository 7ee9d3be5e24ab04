// Activities held (published) in the actor's scope. activityScope is an OR of arms — the
// activities of their orgs, those in a cadre's villages — and PostgreSQL serves no OR across a
// join with an index: it read every activity of the province for a cadre (356 ms). Each arm is
// read through its own index (ActivityOrg(orgId), Activity(villageId, heldOn)) and the ids united.
import { runAll, type Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import type { Actor } from '../auth/actor'
import { activityScope, activityScopeArms } from '../scope'

export const countActivitiesHeld = async (
  db: Tx,
  actor: Actor,
  activityFilters: Prisma.ActivityWhereInput[],
): Promise<number> => {
  const arms = activityScopeArms(actor)
  if (!arms || arms.length < 2) return db.activity.count({ where: { AND: [activityScope(actor), ...activityFilters] } })
  const idsOf = (arm: Prisma.ActivityWhereInput) => async () =>
    (await db.activity.findMany({ where: { AND: [arm, ...activityFilters] }, select: { id: true } })).map((a) => a.id)
  const found = await runAll(db, arms.map(idsOf))
  return new Set(found.flat()).size
}
