// What a summary counts outside the villages the actor reaches, so outside the rollups' scope:
// donations made by an org of their secretary subtree to a village they do not reach, and visits
// they went on there themselves (scope.ts: donationScope, visitScope). Both are rare and few, so
// they are found through small indexed reads and then added up from the base tables.
import type { RawReader } from '../../db/raw-batch'
import type { Prisma } from '../../generated/prisma/client'
import type { Actor } from '../auth/actor'
import { PROVINCE } from './summary-rollups'

/** Where a summary's beyond-reach rows are: null when there are none. */
export type BeyondReach = { donations: Prisma.DonationWhereInput | null; visits: Prisma.VisitWhereInput | null }

export const findBeyondReach = async (
  db: RawReader,
  actor: Actor,
  villageId: string | undefined,
): Promise<BeyondReach> => {
  const reached = actor.reach.villageIds
  if (reached === null || (villageId && reached.includes(villageId))) return { donations: null, visits: null }
  const subtree = [...actor.reach.subtreeOrgIds]
  const onlyVillage = villageId ? [villageId] : null
  const [donationVillages, visits] = await Promise.all([
    // StatsDonor(donorOrgId) names the villages their orgs gave to; Donation(villageId, …) then
    // reads those villages' donations only.
    subtree.length
      ? db.$queryRaw<{ villageId: string }[]>`
          SELECT DISTINCT s."villageId" FROM "StatsDonor" s
           WHERE s."donorOrgId" = ANY(${subtree}::uuid[]) AND s."donationCount" > 0
             AND NOT s."villageId" = ANY(${[...reached, PROVINCE]}::uuid[])
             AND (${onlyVillage}::uuid[] IS NULL OR s."villageId" = ANY(${onlyVillage}::uuid[]))`
      : Promise.resolve([]),
    db.$queryRaw<{ id: string }[]>`
      SELECT v."id" FROM "VisitVisitor" vv JOIN "Visit" v ON v."id" = vv."visitId"
       WHERE vv."userId" = ${actor.userId}::uuid AND NOT v."villageId" = ANY(${[...reached]}::uuid[])
         AND (${onlyVillage}::uuid[] IS NULL OR v."villageId" = ANY(${onlyVillage}::uuid[]))`,
  ])
  return {
    donations: donationVillages.length
      ? { donorOrgId: { in: subtree }, villageId: { in: donationVillages.map((v) => v.villageId) } }
      : null,
    visits: visits.length ? { id: { in: visits.map((v) => v.id) } } : null,
  }
}
