// The signed-in user as the app shows them on 我的: name, roles, orgs, villages, household, and
// whether they have agreed to the privacy notice in force.
import { PRIVACY_NOTICE_VERSION } from '../../../common/privacy-version'
import type { Context } from '../../context'
import { runAll, type Tx } from '../../db/client'
import type { Actor } from './actor'

export const describeUser = async (db: Tx, actor: Actor) => {
  const [villages, household, account] = await runAll(db, [
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
    () =>
      db.user.findUniqueOrThrow({
        where: { id: actor.userId },
        select: {
          passwordHash: true,
          mustChangePassword: true,
          privacyConsents: { where: { version: PRIVACY_NOTICE_VERSION }, select: { agreedAt: true } },
        },
      }),
  ])
  return {
    id: actor.userId,
    displayName: actor.displayName,
    roles: actor.roles,
    memberships: actor.memberships.map((m) => ({ orgId: m.orgId, orgName: m.orgName, role: m.role, title: m.title })),
    villages,
    // A resident's household is their data: shown once they have agreed to the notice in force.
    household: account.privacyConsents.length ? household : null,
    /** Signs in with a phone and password (and so may change it). */
    hasPassword: account.passwordHash !== null,
    /** A one-time password to change before anything else (the app opens 修改密码). */
    mustChangePassword: account.mustChangePassword,
    privacy: {
      version: PRIVACY_NOTICE_VERSION,
      agreedAt: account.privacyConsents[0]?.agreedAt ?? null,
    },
  }
}

export type UserProfile = Awaited<ReturnType<typeof describeUser>>

/**
 * auth.me: the profile kept with the cached actor while the authorisation epoch stands still
 * (actor-cache.ts), else described now and kept for the next request.
 */
export const myProfile = async (
  ctx: Pick<Context, 'db' | 'profile' | 'authzEpoch' | 'actors'> & { actor: Actor },
): Promise<UserProfile> => {
  if (ctx.profile) return ctx.profile
  const profile = await describeUser(ctx.db, ctx.actor)
  if (ctx.authzEpoch !== null) ctx.actors?.setProfile(ctx.actor.userId, ctx.authzEpoch, profile)
  return profile
}
