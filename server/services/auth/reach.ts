// What a signed-in person's roles reach, resolved to ids once per request, so that scope
// filters are plain `column IN (…)` conditions on the big tables' own indexed columns
// (docs/scaling.md: a join to Village with OR defeated every index at province scale).
import type { Tx } from '../../db/client'
import { startsWithText } from '../text-match'
import { liveOn } from './periods'

export type Reach = {
  /** Villages whose records they see: null for an admin (all of them). */
  villageIds: readonly string[] | null
  /** Orgs in their secretary subtrees (帮扶 pairs and activities below them count as theirs). */
  subtreeOrgIds: readonly string[]
}

export type ReachRoles = {
  isAdmin: boolean
  secretaryPaths: readonly string[]
  memberOrgIds: readonly string[]
  cadreVillageIds: readonly string[]
}

export const loadReach = async (db: Tx, roles: ReachRoles): Promise<Reach> =>
  (await loadReaches(db, [roles]))[0] as Reach

/**
 * The reach of many people at once (the reminder scan): one read of all their subtrees, one of
 * all the pairs of their orgs, each person's share picked out of them.
 */
export const loadReaches = async (db: Tx, people: readonly ReachRoles[]): Promise<Reach[]> => {
  const staff = people.filter((roles) => !roles.isAdmin)
  const paths = [...new Set(staff.flatMap((roles) => roles.secretaryPaths))]
  const orgs = paths.length
    ? await db.org.findMany({
        where: { OR: paths.map((path) => ({ path: startsWithText(path) })) },
        select: { id: true, path: true },
      })
    : []
  const subtreeOf = (roles: ReachRoles) =>
    orgs.filter((org) => roles.secretaryPaths.some((path) => org.path.startsWith(path))).map((org) => org.id)
  const subtrees = new Map(staff.map((roles) => [roles, subtreeOf(roles)]))
  const pairingOrgIds = (roles: ReachRoles) => [...new Set([...(subtrees.get(roles) ?? []), ...roles.memberOrgIds])]
  const allPairing = [...new Set(staff.flatMap(pairingOrgIds))]
  const pairs = allPairing.length
    ? await db.orgVillagePair.findMany({
        where: { orgId: { in: allPairing }, ...liveOn() },
        select: { orgId: true, villageId: true },
      })
    : []
  const villagesOfOrg = new Map<string, string[]>()
  for (const { orgId, villageId } of pairs) villagesOfOrg.set(orgId, [...(villagesOfOrg.get(orgId) ?? []), villageId])
  return people.map((roles): Reach => {
    if (roles.isAdmin) return { villageIds: null, subtreeOrgIds: [] }
    const paired = pairingOrgIds(roles).flatMap((orgId) => villagesOfOrg.get(orgId) ?? [])
    return { villageIds: [...new Set([...paired, ...roles.cadreVillageIds])], subtreeOrgIds: subtrees.get(roles) ?? [] }
  })
}
