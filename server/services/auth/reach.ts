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

type ReachRoles = {
  isAdmin: boolean
  secretaryPaths: readonly string[]
  memberOrgIds: readonly string[]
  cadreVillageIds: readonly string[]
}

export const loadReach = async (db: Tx, roles: ReachRoles): Promise<Reach> => {
  if (roles.isAdmin) return { villageIds: null, subtreeOrgIds: [] }
  const subtree = roles.secretaryPaths.length
    ? await db.org.findMany({
        where: { OR: roles.secretaryPaths.map((path) => ({ path: startsWithText(path) })) },
        select: { id: true },
      })
    : []
  const subtreeOrgIds = subtree.map((o) => o.id)
  const pairingOrgIds = [...new Set([...subtreeOrgIds, ...roles.memberOrgIds])]
  const pairs = pairingOrgIds.length
    ? await db.orgVillagePair.findMany({
        where: { orgId: { in: pairingOrgIds }, ...liveOn() },
        select: { villageId: true },
      })
    : []
  const villageIds = [...new Set([...pairs.map((p) => p.villageId), ...roles.cadreVillageIds])]
  return { villageIds, subtreeOrgIds }
}
