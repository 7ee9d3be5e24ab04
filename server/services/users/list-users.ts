// 管理 → 人员: accounts paged by name then id, by the start of a name or by phone digits, within
// an org (and below it) or a role, active or deactivated. One statement finds the page, walking
// the text_pattern_ops index on displayName (migration 20261206090000) in its own order, so a page
// costs the same at 100,000 people as at 100 (docs/scaling.md), and reads each row's live roles,
// posts and lockout by index in the same statement (an org filter first looks up the org's
// subtree). Names therefore sort by code point, as that index orders them.
//   - An administrator sees every staff account: any with a role or a 驻村 post, now or before
//     (a WeChat login's own account and a resident's are not staff).
//   - A 支部书记 sees the accounts holding a live role in his subtree (user-access.ts).
import type { TListUsersRequest } from '../../../common/contracts/user/list-users'
import type { Role } from '../../../common/enums'
import { Prisma } from '../../generated/prisma/client'
import { today } from '../auth/periods'
import { isLockedOutSql } from './login-lockout'
import { isAdmin, managesAccount } from './user-access'
import type { UserReadContext } from './user-context'
import { phoneFor } from './user-views'

const PHONE_LENGTH = 11

/** LIKE's wildcards in a name are matched as themselves. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const searchCondition = (search: string | undefined): Prisma.Sql => {
  if (!search) return Prisma.empty
  if (/^\d+$/.test(search)) {
    if (search.length > PHONE_LENGTH) return Prisma.sql`AND FALSE`
    // Phones are 11 digits: a prefix is a range of the unique index, whatever the collation.
    const from = search.padEnd(PHONE_LENGTH, '0')
    const to = search.padEnd(PHONE_LENGTH, '9')
    return Prisma.sql`AND u."phone" BETWEEN ${from} AND ${to}`
  }
  return Prisma.sql`AND u."displayName" LIKE ${likePrefix(search)}`
}

const statusCondition = (status: TListUsersRequest['status']): Prisma.Sql =>
  status === 'ALL'
    ? Prisma.empty
    : status === 'ACTIVE'
      ? Prisma.sql`AND u."isActive"`
      : Prisma.sql`AND NOT u."isActive"`

/** The period holds on `day` (services/auth/periods.ts), for the row alias given. */
const live = (alias: string, day: Date) =>
  Prisma.sql`${Prisma.raw(alias)}."startedOn" <= ${day}
    AND (${Prisma.raw(alias)}."endedOn" IS NULL OR ${Prisma.raw(alias)}."endedOn" > ${day})`

/**
 * The orgs whose live roles list a person: any (null); a set of ids (a secretary's reach); or an
 * org's subtree, by the prefix of its materialised path, a range of Org_path_prefix_idx that the
 * statements read themselves rather than take as a thousand ids.
 */
type OrgsLooked = null | { ids: string[] } | { pathPrefix: string }

const orgsLooked = async (ctx: UserReadContext, orgId: string | undefined): Promise<OrgsLooked> => {
  const reach = isAdmin(ctx.actor) ? null : new Set(ctx.actor.reach.subtreeOrgIds)
  if (!orgId) return reach && { ids: [...reach] }
  const org = await ctx.db.org.findUnique({ where: { id: orgId }, select: { path: true } })
  if (!org) return { ids: [] }
  const pathPrefix = likePrefix(org.path)
  // A reach is whole subtrees: an org in it brings all of its subtree.
  if (!reach || reach.has(orgId)) return { pathPrefix }
  const below = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "Org" o WHERE o."path" LIKE ${pathPrefix}`
  return { ids: below.map((o) => o.id).filter((id) => reach.has(id)) }
}

/** The orgs looked at, as rows of "Org" (alias o) for the statements to join. */
const orgRows = (orgs: Exclude<OrgsLooked, null>): Prisma.Sql =>
  'ids' in orgs
    ? Prisma.sql`(SELECT unnest(${orgs.ids}::uuid[]) AS "id") o`
    : Prisma.sql`(SELECT "id" FROM "Org" WHERE "path" LIKE ${orgs.pathPrefix}) o`

const roleIs = (role: TListUsersRequest['role']): Prisma.Sql =>
  role ? Prisma.sql`AND m."role" = ${role}::"Role"` : Prisma.empty

/**
 * Who is listed: a live role in the orgs looked at (and of the role asked for), or, for an
 * administrator with no filter, any staff account.
 */
const roleCondition = (orgs: OrgsLooked, role: TListUsersRequest['role'], day: Date): Prisma.Sql => {
  if (orgs === null && !role)
    // Probed row by row along the name index (an OR of two EXISTS would be planned as two hashed
    // scans of the whole tables instead, before the first row).
    return Prisma.sql`AND COALESCE(
      (SELECT TRUE FROM "Membership" m WHERE m."userId" = u."id" LIMIT 1),
      (SELECT TRUE FROM "CadreVillage" c WHERE c."userId" = u."id" LIMIT 1),
      FALSE)`
  return Prisma.sql`AND EXISTS (
    SELECT 1 FROM "Membership" m
     WHERE m."userId" = u."id" AND ${live('m', day)}
       ${orgs === null ? Prisma.empty : Prisma.sql`AND m."orgId" IN (SELECT o."id" FROM ${orgRows(orgs)})`}
       ${roleIs(role)})`
}

/** People counted at most when judging whether an org filter holds few of them. */
const FEW_PEOPLE = 2_000

/**
 * The people of an org filter holding fewer than FEW_PEOPLE live roles (of the role asked for),
 * or null for more: each org's roles read along the Membership(orgId, role) index in turn, never
 * past FEW_PEOPLE, so the question costs little whatever the answer. (One pass over the roles with
 * the orgs as a filter would read every role, the subtree's often last.) For so few, the page is
 * found from them, sorted; for more, by walking the name index (roleCondition), which would read
 * every account to find a few.
 */
const fewPeopleOf = async (
  ctx: UserReadContext,
  orgs: Exclude<OrgsLooked, null>,
  role: TListUsersRequest['role'],
  day: Date,
): Promise<string[] | null> => {
  const rows = await ctx.db.$queryRaw<{ userId: string }[]>`
    SELECT r."userId" FROM ${orgRows(orgs)}
    CROSS JOIN LATERAL (
      SELECT m."userId" FROM "Membership" m
       WHERE m."orgId" = o."id" AND ${live('m', day)} ${roleIs(role)}
       LIMIT ${FEW_PEOPLE}) r
     LIMIT ${FEW_PEOPLE}`
  return rows.length < FEW_PEOPLE ? [...new Set(rows.map((r) => r.userId))] : null
}

/** After the cursor's row, in the index's order (~<~: byte order, the order text_pattern_ops keeps). */
const cursorCondition = (cursor: string | null | undefined): Prisma.Sql => {
  if (!cursor) return Prisma.empty
  const name = Prisma.sql`(SELECT c."displayName" FROM "User" c WHERE c."id" = ${cursor}::uuid)`
  return Prisma.sql`AND u."displayName" ~>=~ ${name} AND (u."displayName" ~>~ ${name} OR u."id" > ${cursor}::uuid)`
}

type PageRow = {
  id: string
  displayName: string
  phone: string | null
  isActive: boolean
  hasWechat: boolean
  roles: { role: Role; title: string | null; orgId: string; orgName: string; orgPath: string }[]
  posts: { post: string; villageId: string; villageName: string }[]
  isLocked: boolean
}

export const listUsers = async ({ ctx, input }: { ctx: UserReadContext; input: TListUsersRequest }) => {
  const day = today()
  const orgs = await orgsLooked(ctx, input.orgId)
  const few = orgs && (await fewPeopleOf(ctx, orgs, input.role, day))
  const rows = await ctx.db.$queryRaw<PageRow[]>`
    WITH page AS (
      SELECT u."id", u."displayName", u."phone", u."isActive", (u."openid" IS NOT NULL) AS "hasWechat"
        FROM "User" u
       WHERE TRUE
         ${statusCondition(input.status)}
         ${searchCondition(input.search)}
         ${few ? Prisma.sql`AND u."id" = ANY(${few}::uuid[])` : roleCondition(orgs, input.role, day)}
         ${cursorCondition(input.cursor)}
       ORDER BY u."displayName" USING ~<~, u."id"
       LIMIT ${input.limit + 1})
    SELECT p.*,
           COALESCE((
             SELECT json_agg(json_build_object('role', m."role", 'title', m."title", 'orgId', o."id",
                                               'orgName', o."name", 'orgPath', o."path")
                             ORDER BY m."startedOn", m."id")
               FROM "Membership" m JOIN "Org" o ON o."id" = m."orgId"
              WHERE m."userId" = p."id" AND ${live('m', day)}), '[]') AS "roles",
           COALESCE((
             SELECT json_agg(json_build_object('post', c."post", 'villageId', v."id", 'villageName', v."name")
                             ORDER BY c."startedOn", c."id")
               FROM "CadreVillage" c JOIN "Village" v ON v."id" = c."villageId"
              WHERE c."userId" = p."id" AND ${live('c', day)}), '[]') AS "posts",
           ${isLockedOutSql(Prisma.sql`p."phone"`, ctx.security)} AS "isLocked"
      FROM page p
     ORDER BY p."displayName" USING ~<~, p."id"`
  const page = rows.slice(0, input.limit)
  const items = page.map((row) => {
    const canManage = managesAccount(ctx.actor, {
      roles: row.roles.map((r) => ({ role: r.role, orgPath: r.orgPath })),
      livePostCount: row.posts.length,
    })
    return {
      id: row.id,
      displayName: row.displayName,
      ...phoneFor(row.phone, canManage),
      roles: row.roles.map((r) => ({ role: r.role, title: r.title, org: { id: r.orgId, name: r.orgName } })),
      posts: row.posts.map((p) => ({ post: p.post, village: { id: p.villageId, name: p.villageName } })),
      isActive: row.isActive,
      hasWechat: row.hasWechat,
      isLocked: row.isLocked,
      canManage,
    }
  })
  return { items, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null }
}

export type UserListItem = Awaited<ReturnType<typeof listUsers>>['items'][number]
