// One village for 管理 → 村 and the village page: its 行政区划, its pairings (结对帮扶) and its
// 驻村 posts, current and ended, with the orgs' and people's names and the dates, and how many
// households it keeps. For staff who reach the village (villageScope), as its records are.
import { dateToDateOnly } from '../../../common/dates'
import { runAll } from '../../db/client'
import { AppError } from '../../errors'
import { hasRole } from '../auth/actor'
import { isLive, today } from '../auth/periods'
import { villageScope } from '../scope'
import type { ServiceContext } from '../service-context'

type Period = { startedOn: Date; endedOn: Date | null }

const periodOf = (row: Period, day: Date) => ({
  startedOn: dateToDateOnly(row.startedOn),
  endedOn: row.endedOn ? dateToDateOnly(row.endedOn) : null,
  isCurrent: isLive(row, day),
})

/** Current first, then the latest started. */
const byCurrentThenLatest = (day: Date) => (a: Period, b: Period) =>
  Number(isLive(b, day)) - Number(isLive(a, day)) || b.startedOn.getTime() - a.startedOn.getTime()

export const getVillage = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const village = await ctx.db.village.findFirst({
    where: { id, ...villageScope(ctx.actor) },
    select: { id: true, name: true, county: true, township: true, adminCode: true, version: true },
  })
  if (!village) throw new AppError('NOT_FOUND', { message: '没有找到这个村，或它不在您的管辖范围内' })
  const day = today()
  const [pairings, posts, total, monitoring, anonymised] = await runAll(ctx.db, [
    () =>
      ctx.db.orgVillagePair.findMany({
        where: { villageId: id },
        select: {
          id: true,
          startedOn: true,
          endedOn: true,
          org: { select: { id: true, name: true, closedAt: true } },
        },
      }),
    () =>
      ctx.db.cadreVillage.findMany({
        where: { villageId: id },
        select: {
          id: true,
          post: true,
          startedOn: true,
          endedOn: true,
          user: { select: { id: true, displayName: true, isActive: true } },
        },
      }),
    () => ctx.db.household.count({ where: { villageId: id } }),
    () => ctx.db.household.count({ where: { villageId: id, anonymisedAt: null, monitoringEndedOn: null } }),
    () => ctx.db.household.count({ where: { villageId: id, anonymisedAt: { not: null } } }),
  ])
  return {
    ...village,
    /** Administrators keep the list of villages and their pairings. */
    canManage: hasRole(ctx.actor, 'ADMIN'),
    pairings: pairings.sort(byCurrentThenLatest(day)).map(({ org, ...p }) => ({
      id: p.id,
      org: { id: org.id, name: org.name, isClosed: org.closedAt !== null },
      ...periodOf(p, day),
    })),
    posts: posts.sort(byCurrentThenLatest(day)).map(({ user, ...p }) => ({
      id: p.id,
      /** 岗位: 第一书记, 驻村工作队员… */
      post: p.post,
      user,
      ...periodOf(p, day),
    })),
    /** monitoring: still monitored (no 监测结束); anonymised: past the retention period. */
    householdCounts: { total, monitoring, anonymised },
  }
}

export type VillageDetail = Awaited<ReturnType<typeof getVillage>>
