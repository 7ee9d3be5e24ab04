// 数据范围: what each role may see, as Prisma `where` fragments. Every service that reads
// households, needs, visits, activities or donations combines its filters with these, so that
// scope is enforced in the query, not in the UI.
//   ADMIN      everything
//   SECRETARY  their org subtree, and the villages paired (帮扶联点) with it
//   MEMBER     their org, and the villages paired with it
//   CADRE      the villages they are assigned to
//   RESIDENT   only their own household, through the resident.* procedures
import type { Tx } from '../db/client'
import { Prisma } from '../generated/prisma/client'
import { type Actor, hasRole, orgsWithRole } from './auth/actor'

const NOTHING = { id: { in: [] as string[] } }

/**
 * Every fragment comes wrapped in one `AND`, so callers may spread it next to their own keys
 * (`{ id, ...needScope(actor) }`) without either side overwriting the other's `id` or `OR`.
 */
const scoped = <W extends object>(where: W): { AND?: W[] } => (Object.keys(where).length ? { AND: [where] } : {})

/** The villages the actor reaches, for a `villageId` column (admins: no condition). */
const inReachedVillages = (actor: Actor) =>
  actor.reach.villageIds === null ? {} : { villageId: { in: [...actor.reach.villageIds] } }

const hasSubtree = (actor: Actor) => orgsWithRole(actor, 'SECRETARY').length > 0
const subtreeOrgIds = (actor: Actor) => [...actor.reach.subtreeOrgIds]
const memberOrgIds = (actor: Actor) => orgsWithRole(actor, 'MEMBER').map((m) => m.orgId)

/** Orgs in any of the actor's secretary subtrees. */
export const orgSubtreeWhere = (actor: Actor): Prisma.OrgWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  return scoped(hasSubtree(actor) ? { id: { in: subtreeOrgIds(actor) } } : NOTHING)
}

export const villageScope = (actor: Actor): Prisma.VillageWhereInput =>
  actor.reach.villageIds === null ? {} : scoped({ id: { in: [...actor.reach.villageIds] } })

export const householdScope = (actor: Actor): Prisma.HouseholdWhereInput => scoped(inReachedVillages(actor))

export const needScope = (actor: Actor): Prisma.NeedWhereInput => scoped(inReachedVillages(actor))

export const visitScope = (actor: Actor): Prisma.VisitWhereInput =>
  hasRole(actor, 'ADMIN')
    ? {}
    : scoped({ OR: [inReachedVillages(actor), { visitors: { some: { userId: actor.userId } } }] })

/**
 * The ways an activity can be the actor's, each served by its own index (null: an admin, all of
 * them). activityScope joins them with OR; a count may read each arm apart and unite the ids.
 */
export const activityScopeArms = (actor: Actor): Prisma.ActivityWhereInput[] | null => {
  if (hasRole(actor, 'ADMIN')) return null
  const arms: Prisma.ActivityWhereInput[] = []
  // The organiser is always one of an activity's orgs (activityOrgIds), so one semi-join on
  // ActivityOrg covers both; an OR with organiserOrgId would make PostgreSQL filter every activity.
  const orgIds = activityOrgIds(actor)
  if (orgIds.length) arms.push({ orgs: { some: { orgId: { in: orgIds } } } })
  if (actor.cadreVillageIds.length) arms.push({ villageId: { in: [...actor.cadreVillageIds] } })
  return arms
}

const activityOrgIds = (actor: Actor) => [...new Set([...subtreeOrgIds(actor), ...memberOrgIds(actor)])]

/** activityScopeArms for raw SQL over "Activity" as `a`: the same arms, the same ids. */
export const activityScopeArmsSql = (actor: Actor): Prisma.Sql[] | null => {
  if (hasRole(actor, 'ADMIN')) return null
  const arms: Prisma.Sql[] = []
  const orgIds = activityOrgIds(actor)
  if (orgIds.length)
    arms.push(
      Prisma.sql`EXISTS (SELECT FROM "ActivityOrg" ao WHERE ao."activityId" = a.id AND ao."orgId" = ANY(${orgIds}::uuid[]))`,
    )
  if (actor.cadreVillageIds.length) arms.push(Prisma.sql`a."villageId" = ANY(${[...actor.cadreVillageIds]}::uuid[])`)
  return arms
}

export const activityScope = (actor: Actor): Prisma.ActivityWhereInput => {
  const arms = activityScopeArms(actor)
  if (arms === null) return {}
  return scoped(arms.length ? { OR: arms } : NOTHING)
}

/** Activities the actor may edit: those organised within their subtree. */
export const activityWriteScope = (actor: Actor): Prisma.ActivityWhereInput =>
  hasRole(actor, 'ADMIN') ? {} : scoped({ organiserOrgId: { in: subtreeOrgIds(actor) } })

export const donationScope = (actor: Actor): Prisma.DonationWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  const reach: Prisma.DonationWhereInput[] = [inReachedVillages(actor)]
  if (hasSubtree(actor)) reach.push({ donorOrgId: { in: subtreeOrgIds(actor) } })
  return scoped({ OR: reach })
}

/** Donations the actor may correct or void. */
export const donationWriteScope = (actor: Actor): Prisma.DonationWhereInput => {
  if (hasRole(actor, 'ADMIN')) return {}
  if (!hasSubtree(actor)) return scoped(NOTHING)
  const subtree = subtreeOrgIds(actor)
  return scoped({
    OR: [
      { donorOrgId: { in: subtree } },
      { activity: { organiserOrgId: { in: subtree } } },
      { createdById: actor.userId },
    ],
  })
}

/** Handovers (发放): those in the villages the actor reaches. */
export const handoverScope = (actor: Actor): Prisma.HandoverWhereInput => scoped(inReachedVillages(actor))

/** Whether the actor reaches this village: from the ids resolved at sign-in, or one lookup for an admin. */
export const reachesVillage = async (db: Tx, actor: Actor, villageId: string): Promise<boolean> =>
  actor.reach.villageIds === null
    ? (await db.village.count({ where: { id: villageId } })) > 0
    : actor.reach.villageIds.includes(villageId)

/**
 * Who keeps a village's household records, and so may see members' health and reveal ID
 * numbers there: admins, and the cadres assigned to that village.
 */
export const keepsRecordsOf = (actor: Actor, villageId: string): boolean =>
  hasRole(actor, 'ADMIN') || actor.cadreVillageIds.includes(villageId)

/**
 * householdScope for raw SQL over "Household" as `h`: the villages the actor reaches, or only
 * `villageId` (nothing, when it is out of reach; one condition the planner reads off an index).
 */
export const householdScopeSql = (actor: Actor, villageId?: string): Prisma.Sql => {
  const reached = actor.reach.villageIds
  if (villageId)
    return reached === null || reached.includes(villageId)
      ? Prisma.sql`h."villageId" = ${villageId}::uuid`
      : Prisma.sql`FALSE`
  return reached === null ? Prisma.sql`TRUE` : Prisma.sql`h."villageId" = ANY(${[...reached]}::uuid[])`
}

/** donationScope for raw SQL over "Donation" as `d`: the same two arms, the same ids. */
export const donationScopeSql = (actor: Actor): Prisma.Sql => {
  if (hasRole(actor, 'ADMIN')) return Prisma.sql`TRUE`
  const reached = actor.reach.villageIds
  const arms = [reached === null ? Prisma.sql`TRUE` : Prisma.sql`d."villageId" = ANY(${[...reached]}::uuid[])`]
  if (hasSubtree(actor)) arms.push(Prisma.sql`d."donorOrgId" = ANY(${subtreeOrgIds(actor)}::uuid[])`)
  return Prisma.sql`(${Prisma.join(arms, ' OR ')})`
}
