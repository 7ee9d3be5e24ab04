// 数据范围: what each role may see, as Prisma `where` fragments. Every service that reads
// households, needs, visits, activities or donations combines its filters with these, so that
// scope is enforced in the query, not in the UI.
//   ADMIN      everything
//   SECRETARY  their org subtree, and the villages paired (帮扶联点) with it
//   MEMBER     their org, and the villages paired with it
//   CADRE      the villages they are assigned to
//   RESIDENT   only their own household, through the resident.* procedures
import type { Prisma } from '../generated/prisma/client'
import { type Actor, hasRole, orgsWithRole } from './auth/actor'

const NOTHING = { id: { in: [] as string[] } }

const secretaryPaths = (actor: Actor) => orgsWithRole(actor, 'SECRETARY').map((m) => m.orgPath)
const memberOrgIds = (actor: Actor) => orgsWithRole(actor, 'MEMBER').map((m) => m.orgId)

/** Orgs in any of the actor's secretary subtrees. */
export const orgSubtreeWhere = (actor: Actor): Prisma.OrgWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  const paths = secretaryPaths(actor)
  return paths.length ? { OR: paths.map((path) => ({ path: { startsWith: path } })) } : NOTHING
}

export const villageScope = (actor: Actor): Prisma.VillageWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  const reach: Prisma.VillageWhereInput[] = []
  const paths = secretaryPaths(actor)
  if (paths.length) reach.push({ orgPairs: { some: { org: orgSubtreeWhere(actor) } } })
  const orgIds = memberOrgIds(actor)
  if (orgIds.length) reach.push({ orgPairs: { some: { orgId: { in: orgIds } } } })
  if (actor.cadreVillageIds.length) reach.push({ id: { in: [...actor.cadreVillageIds] } })
  return reach.length ? { OR: reach } : NOTHING
}

export const householdScope = (actor: Actor): Prisma.HouseholdWhereInput =>
  hasRole(actor, 'ADMIN') ? {} : { village: villageScope(actor) }

export const needScope = (actor: Actor): Prisma.NeedWhereInput =>
  hasRole(actor, 'ADMIN') ? {} : { village: villageScope(actor) }

export const visitScope = (actor: Actor): Prisma.VisitWhereInput =>
  hasRole(actor, 'ADMIN')
    ? {}
    : { OR: [{ village: villageScope(actor) }, { visitors: { some: { userId: actor.userId } } }] }

export const activityScope = (actor: Actor): Prisma.ActivityWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  const reach: Prisma.ActivityWhereInput[] = []
  if (secretaryPaths(actor).length) {
    const subtree = orgSubtreeWhere(actor)
    reach.push({ organiserOrg: subtree }, { orgs: { some: { org: subtree } } })
  }
  const orgIds = memberOrgIds(actor)
  if (orgIds.length) reach.push({ organiserOrgId: { in: orgIds } }, { orgs: { some: { orgId: { in: orgIds } } } })
  if (actor.cadreVillageIds.length) reach.push({ villageId: { in: [...actor.cadreVillageIds] } })
  return reach.length ? { OR: reach } : NOTHING
}

/** Activities the actor may edit: those organised within their subtree. */
export const activityWriteScope = (actor: Actor): Prisma.ActivityWhereInput =>
  hasRole(actor, 'ADMIN') ? {} : { organiserOrg: orgSubtreeWhere(actor) }

export const donationScope = (actor: Actor): Prisma.DonationWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  const reach: Prisma.DonationWhereInput[] = [{ village: villageScope(actor) }]
  if (secretaryPaths(actor).length) reach.push({ donorOrg: orgSubtreeWhere(actor) })
  return { OR: reach }
}

/** Donations the actor may correct or void. */
export const donationWriteScope = (actor: Actor): Prisma.DonationWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  if (!secretaryPaths(actor).length) return NOTHING
  const subtree = orgSubtreeWhere(actor)
  return { OR: [{ donorOrg: subtree }, { activity: { organiserOrg: subtree } }, { createdById: actor.userId }] }
}

/**
 * Who keeps a village's household records, and so may see members' health and reveal ID
 * numbers there: admins, and the cadres assigned to that village.
 */
export const keepsRecordsOf = (actor: Actor, villageId: string): boolean =>
  hasRole(actor, 'ADMIN') || actor.cadreVillageIds.includes(villageId)
