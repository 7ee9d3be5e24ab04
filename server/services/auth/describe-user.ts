// The signed-in user as the app shows them on 我的: name, roles, orgs, villages, household.
import { runAll, type Tx } from '../../db/client'
import type { Actor } from './actor'

export const describeUser = async (db: Tx, actor: Actor) => {
  const [villages, household] = await runAll(db, [
    () =>
      actor.cadreVillageIds.length
        ? db.village.findMany({
            where: { id: { in: [...actor.cadreVillageIds] } },
            select: { id: true, name: true, township: true, county: true },
            orderBy: { name: 'asc' },
          })
        : [],
    () =>
      actor.householdId
        ? db.household.findUnique({
            where: { id: actor.householdId },
            select: { id: true, headName: true, village: { select: { id: true, name: true } } },
          })
        : null,
  ])
  return {
    id: actor.userId,
    displayName: actor.displayName,
    roles: actor.roles,
    memberships: actor.memberships.map((m) => ({ orgId: m.orgId, orgName: m.orgName, role: m.role, title: m.title })),
    villages,
    household,
  }
}

export type UserProfile = Awaited<ReturnType<typeof describeUser>>
