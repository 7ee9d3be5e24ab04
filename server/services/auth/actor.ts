// The signed-in user as the services see them: their roles and what those roles reach.
import type { Role } from '../../../common/enums'
import { PRIVACY_NOTICE_VERSION } from '../../../common/privacy-version'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { liveOn } from './periods'
import { loadReach, loadReaches, type Reach, type ReachRoles } from './reach'

export type ActorMembership = {
  orgId: string
  /** Materialised path of the org ("/<root>/…/<org>/"): a secretary reaches every org below it. */
  orgPath: string
  orgName: string
  role: Role
  title: string | null
}

export type Actor = {
  userId: string
  displayName: string
  roles: readonly Role[]
  memberships: readonly ActorMembership[]
  /** Villages a cadre is assigned to (驻村). */
  cadreVillageIds: readonly string[]
  /** A resident's own household. */
  householdId: string | null
  /** Whether they have agreed to the privacy notice in force (required of residents). */
  hasAgreedToPrivacy: boolean
  /** Signed in with a one-time password: nothing but changing it is allowed until they do. */
  mustChangePassword: boolean
  /** The villages and orgs their roles reach, as ids (scope.ts filters with these). */
  reach: Reach
}

/** 党组织 staff: everyone but residents (staffProcedure, and the plain HTTP routes that mirror it). */
export const STAFF_ROLES = ['ADMIN', 'SECRETARY', 'CADRE', 'MEMBER'] as const satisfies readonly Role[]

/** Who keeps the household roster (household.create's cadreProcedure): the roster import and its template. */
export const ROSTER_ROLES = ['ADMIN', 'CADRE'] as const satisfies readonly Role[]

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((role) => actor.roles.includes(role))

export const orgsWithRole = (actor: Actor, role: Role): ActorMembership[] =>
  actor.memberships.filter((m) => m.role === role)

const actorSelect = () =>
  ({
    id: true,
    displayName: true,
    isActive: true,
    householdId: true,
    mustChangePassword: true,
    // Roles and posts count while their period holds (periods.ts).
    memberships: {
      where: liveOn(),
      select: { role: true, title: true, org: { select: { id: true, path: true, name: true } } },
    },
    cadreVillages: { where: liveOn(), select: { villageId: true } },
    privacyConsents: { where: { version: PRIVACY_NOTICE_VERSION }, select: { agreedAt: true }, take: 1 },
  }) satisfies Prisma.UserSelect

type ActorRow = Prisma.UserGetPayload<{ select: ReturnType<typeof actorSelect> }>

/** The actor but its reach, and the roles its reach is resolved from. */
const withoutReach = (user: ActorRow | null): { actor: Omit<Actor, 'reach'>; roles: ReachRoles } => {
  if (!user) throw new AppError('UNAUTHENTICATED')
  if (!user.isActive) throw new AppError('ACCOUNT_DISABLED')
  const memberships = user.memberships.map((m) => ({
    orgId: m.org.id,
    orgPath: m.org.path,
    orgName: m.org.name,
    role: m.role,
    title: m.title,
  }))
  const roles = new Set<Role>(memberships.map((m) => m.role))
  if (user.householdId) roles.add('RESIDENT')
  const cadreVillageIds = user.cadreVillages.map((c) => c.villageId)
  return {
    actor: {
      userId: user.id,
      displayName: user.displayName,
      roles: [...roles],
      memberships,
      cadreVillageIds,
      householdId: user.householdId,
      hasAgreedToPrivacy: user.privacyConsents.length > 0,
      mustChangePassword: user.mustChangePassword,
    },
    roles: {
      isAdmin: roles.has('ADMIN'),
      secretaryPaths: memberships.filter((m) => m.role === 'SECRETARY').map((m) => m.orgPath),
      memberOrgIds: memberships.filter((m) => m.role === 'MEMBER').map((m) => m.orgId),
      cadreVillageIds,
    },
  }
}

export const loadActor = async (db: Tx, userId: string): Promise<Actor> => {
  const { actor, roles } = withoutReach(await db.user.findUnique({ where: { id: userId }, select: actorSelect() }))
  return extend(actor, { reach: await loadReach(db, roles) })
}

/**
 * Many people at once (the reminder scan): one read of their users, memberships and posts, and
 * one of their reaches, each made an actor as loadActor makes it; those who could not sign in
 * (disabled, gone) are left out.
 */
export const loadActors = async (db: Tx, userIds: readonly string[]): Promise<Actor[]> => {
  const users = await db.user.findMany({ where: { id: { in: [...userIds] }, isActive: true }, select: actorSelect() })
  const parts = users.map(withoutReach)
  const reaches = await loadReaches(
    db,
    parts.map((p) => p.roles),
  )
  return parts.map((p, at) => extend(p.actor, { reach: reaches[at] as Reach }))
}
