// 支部书记's 待办, over his org subtree: 党支部 with no 主题党日 recorded this month, activities left
// drafts for more than a week, and needs overdue more than a week in the villages his orgs are
// paired with (督办).
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateOnlyToDate, shanghaiDate } from '../../../common/dates'
import type { Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { hasRole } from '../auth/actor'
import { liveOn } from '../auth/periods'
import { escalatedNeeds } from './escalated-needs'
import type { ScopedItem } from './need-todos'
import { DRAFT_STALE_DAYS, SECRETARY_ESCALATION_DAYS } from './todo-settings'
import { countAndList, shiftDay, type TodoArgs, type TodoSource } from './todo-source'

/** The first and last day of `day`'s month, YYYY-MM-DD. */
const monthOf = (day: string) => {
  const first = `${day.slice(0, 7)}-01`
  const nextFirst = shiftDay(first, 32).slice(0, 7)
  return { first, last: shiftDay(`${nextFirst}-01`, -1) }
}

/** 党支部 and 联合党支部 hold a 主题党日 each month (docs/domain.md); one taking part counts. */
const partyDayQuery = (today: string, orgIds: readonly string[]) => {
  const month = monthOf(today)
  const where = {
    id: { in: [...orgIds] },
    kind: { in: ['BRANCH', 'JOINT_BRANCH'] },
    closedAt: null,
    activityLinks: {
      none: {
        activity: {
          kind: 'THEMED_PARTY_DAY',
          heldOn: { gte: dateOnlyToDate(month.first), lte: dateOnlyToDate(month.last) },
        },
      },
    },
  } satisfies Prisma.OrgWhereInput
  const toItem = (org: { id: string; name: string }): TTodoItem => ({
    key: `PARTY_DAY_MISSING:${org.id}:${month.first.slice(0, 7)}`,
    kind: 'PARTY_DAY_MISSING',
    title: `本月还没有主题党日：${org.name}`,
    detail: `党支部每月开展一次主题党日 · ${month.last} 前`,
    dueOn: month.last,
    isOverdue: false,
    target: { page: 'activityForm', id: null },
  })
  return { where, toItem }
}

const partyDayRows = (db: Tx, where: Prisma.OrgWhereInput, take?: number) =>
  db.org.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take })

export const branchesWithoutPartyDay = ({ ctx, today, limit }: TodoArgs, orgIds: string[]): Promise<TodoSource> => {
  const { where, toItem } = partyDayQuery(today, orgIds)
  return countAndList(
    { limit },
    () => ctx.db.org.count({ where }),
    async () => (await partyDayRows(ctx.db, where, limit)).map(toItem),
  )
}

/** Every branch of `orgIds` without this month's 主题党日, each with its org (the reminder scan). */
export const branchesWithoutPartyDayByOrg = async (
  db: Tx,
  today: string,
  orgIds: readonly string[],
): Promise<ScopedItem[]> => {
  if (!orgIds.length) return []
  const { where, toItem } = partyDayQuery(today, orgIds)
  return (await partyDayRows(db, where)).map((org) => ({ scope: org.id, item: toItem(org) }))
}

export const staleDrafts = ({ ctx, now, today, limit }: TodoArgs, orgIds: string[]): Promise<TodoSource> => {
  const where = {
    organiserOrgId: { in: orgIds },
    status: 'DRAFT',
    createdAt: { lt: new Date(now.getTime() - DRAFT_STALE_DAYS * 86_400_000) },
  } satisfies Prisma.ActivityWhereInput
  return countAndList(
    { limit },
    () => ctx.db.activity.count({ where }),
    async () => {
      const rows = await ctx.db.activity.findMany({
        where,
        select: { id: true, theme: true, heldOn: true, createdAt: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit,
      })
      return rows.map((activity): TTodoItem => {
        const createdOn = shanghaiDate(activity.createdAt)
        const dueOn = shiftDay(createdOn, DRAFT_STALE_DAYS)
        return {
          key: `ACTIVITY_DRAFT:${activity.id}`,
          kind: 'ACTIVITY_DRAFT',
          title: `草稿未发布：${activity.theme}`,
          detail: `${createdOn} 起草，超过 ${DRAFT_STALE_DAYS} 天未发布`,
          dueOn,
          isOverdue: dueOn < today,
          target: { page: 'activityDetail', id: activity.id },
        }
      })
    },
  )
}

/** The villages a secretary's orgs are paired with today: where his 督办 looks. */
export const secretaryVillageIds = async ({ ctx, today }: TodoArgs): Promise<string[]> => {
  const orgIds = [...ctx.actor.reach.subtreeOrgIds]
  if (!orgIds.length || !hasRole(ctx.actor, 'SECRETARY')) return []
  return [...new Set((await pairedVillages(ctx.db, today, orgIds)).map((p) => p.villageId))]
}

/** The villages each of `orgIds` is paired with on `today`. */
export const pairedVillages = (db: Tx, today: string, orgIds: readonly string[]) =>
  db.orgVillagePair.findMany({
    where: { orgId: { in: [...orgIds] }, ...liveOn(dateOnlyToDate(today)) },
    select: { orgId: true, villageId: true },
  })

/** The villages where a person who is also their cadre has each overdue need as NEED_DUE. */
export const ownCadreVillageIds = ({ ctx }: TodoArgs): readonly string[] =>
  hasRole(ctx.actor, 'CADRE') ? ctx.actor.cadreVillageIds : []

const escalatedToSecretary = async (args: TodoArgs): Promise<TodoSource> => {
  const villageIds = await secretaryVillageIds(args)
  return villageIds.length
    ? escalatedNeeds(args, {
        villageIds,
        afterDays: SECRETARY_ESCALATION_DAYS,
        exceptVillageIds: ownCadreVillageIds(args),
      })
    : { items: [], total: 0 }
}

export const secretaryTodos = async (args: TodoArgs): Promise<TodoSource[]> => {
  const orgIds = [...args.ctx.actor.reach.subtreeOrgIds]
  if (!orgIds.length) return []
  return Promise.all([branchesWithoutPartyDay(args, orgIds), staleDrafts(args, orgIds), escalatedToSecretary(args)])
}
