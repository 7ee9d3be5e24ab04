// 有诉必应日报 (docs/exports.md): the day's needs as the city's 12345 daily report has them
// (docs/domain.md, "The city's 12345 daily report"): how many were received, handled directly by the village,
// passed to responsible units, done and followed up, the open and overdue ones at the end of the
// day, and the hot topics by category, each with one line of village + need.
//   - "The day" is a calendar day in Beijing time: [00:00, 24:00) +08:00 (common/dates.ts).
//   - Each step is read off the timeline (NeedEvent), when it happened, not off the need's
//     current status: a need transferred on the 23rd and done on the 24th counts as transferred
//     in the 23rd's report and as done in the 24th's. The workflow never repeats a step, so
//     counting events counts needs.
//   - Every figure is counted in the database, within the caller's needScope (as need.list).

import type { TDailyNeedsReportRequest } from '../../../common/contracts/report/daily-needs'
import { dateOnlyToDate, formatChineseDate, nextDay, shanghaiDayStart } from '../../../common/dates'
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS, type NeedCategory, type NeedStatus } from '../../../common/enums'
import { runAll } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { needScope, villageScope } from '../scope'
import { onReadReplica, type ServiceContext } from '../service-context'
import { issuedDailyNeedsReport } from './daily-report-issues'

/** The steps of the day the report counts, as in the 12345 report: 直接办理, 转交, then 办结 and 回访. */
const COUNTED_STEPS = ['HANDLED_DIRECTLY', 'TRANSFERRED', 'RESOLVED', 'FOLLOWED_UP', 'REJECTED'] as const
type CountedStep = (typeof COUNTED_STEPS)[number]

/** The steps after which a need no longer waits on anyone (OPEN_NEED_STATUSES' complement). */
const CLOSING_STEPS: NeedStatus[] = ['RESOLVED', 'FOLLOWED_UP', 'REJECTED']

/** How many needs each hot topic's line quotes, newest first. */
const QUOTED_PER_TOPIC = 3
/** A quoted need's text is cut to this many characters. */
const QUOTE_LENGTH = 20

export type DailyNeedsFigures = {
  /** 受理: needs received (created) that day. */
  received: number
  /** 直接办理: taken on by the village itself. */
  handledDirectly: number
  /** 转交责任单位办理 */
  transferred: number
  /** 办结 */
  resolved: number
  /** 回访 */
  followedUp: number
  /** 不予受理 */
  rejected: number
}

export type DailyNeedsHotTopic = {
  category: NeedCategory
  /** 医疗, 住房, … */
  label: string
  count: number
  /** 诉求（村名） for the newest few, and whether they gather in one village. */
  line: string
}

export type DailyNeedsReport = {
  date: string
  /** The village asked for, when the caller may see it. */
  village: { id: string; name: string } | null
  figures: DailyNeedsFigures
  /** At the end of the day: needs received by then and not yet done, and those past their due date. */
  totals: { open: number; overdue: number }
  /** Needs received that day by category, most first. */
  hotTopics: DailyNeedsHotTopic[]
  /** The report's opening sentence: "1月23日，共受理诉求5件，…" */
  lead: string
}

/** Digit runs that could be a phone, an ID or an account number: never quoted in a report. */
const LONG_NUMBER = /[0-9０-９][0-9０-９\s-]{5,}[0-9０-９Xx]/g

/** A need's text for one line of a report: one line, no long numbers, at most QUOTE_LENGTH characters. */
export const quoteNeed = (description: string): string => {
  const text = description.replace(LONG_NUMBER, '***').replace(/\s+/g, ' ').trim()
  const chars = Array.from(text)
  return chars.length > QUOTE_LENGTH ? `${chars.slice(0, QUOTE_LENGTH).join('')}…` : text
}

/** "2025-01-23" → "1月23日", as the 12345 report dates itself. */
const monthDay = (day: string) => formatChineseDate(day).replace(/^\d+年/, '')

export const dailyNeedsLead = (
  date: string,
  figures: DailyNeedsFigures,
  totals: DailyNeedsReport['totals'],
  hotTopics: readonly DailyNeedsHotTopic[],
): string => {
  const steps = [
    `直接办理${figures.handledDirectly}件`,
    `转交责任单位办理${figures.transferred}件`,
    `办结${figures.resolved}件`,
    `回访${figures.followedUp}件`,
    ...(figures.rejected ? [`不予受理${figures.rejected}件`] : []),
  ]
  const topics = hotTopics.length ? `热点问题：${hotTopics.map((t) => `${t.label}${t.count}件`).join('、')}。` : ''
  return `${monthDay(date)}，共受理诉求${figures.received}件；${steps.join('，')}。${topics}截至当日，在办诉求${totals.open}件，其中超期${totals.overdue}件。`
}

const lineOf = (
  count: number,
  quoted: { description: string; village: { name: string } }[],
  villageCounts: number[],
): string => {
  const quotes = quoted.map((n) => `${quoteNeed(n.description)}（${n.village.name}）`).join('；')
  const more = count > quoted.length ? `，等${count}件` : ''
  // 12345's hot topics say whether the problem is concentrated; here, in one village.
  const concentrated = count > 1 && villageCounts.length === 1 ? `（集中在${quoted[0]?.village.name ?? ''}）` : ''
  return `${quotes}${more}${concentrated}`
}

/** The report for report.dailyNeeds and its export: as issued, for a past day that has one. */
export const dailyNeedsReport = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TDailyNeedsReportRequest
}): Promise<DailyNeedsReport> =>
  (await issuedDailyNeedsReport(onReadReplica(ctx), input)) ?? computeDailyNeedsReport({ ctx, input })

/** The report as the ledger stands now. */
export const computeDailyNeedsReport = async ({
  ctx: callerCtx,
  input,
}: {
  ctx: ServiceContext
  input: TDailyNeedsReportRequest
}): Promise<DailyNeedsReport> => {
  // All reads, on the read replica when there is one (docs/scaling.md).
  const { db, actor } = onReadReplica(callerCtx)
  const dayStart = shanghaiDayStart(input.date)
  const dayEnd = shanghaiDayStart(nextDay(input.date))
  const inScope: Prisma.NeedWhereInput = {
    AND: [needScope(actor), input.villageId ? { villageId: input.villageId } : {}],
  }
  const receivedThatDay: Prisma.NeedWhereInput = { AND: [inScope, { createdAt: { gte: dayStart, lt: dayEnd } }] }
  // Open at the end of the day: received by then, with no closing step by then.
  const openAtDayEnd: Prisma.NeedWhereInput = {
    AND: [
      inScope,
      { createdAt: { lt: dayEnd } },
      { events: { none: { toStatus: { in: CLOSING_STEPS }, createdAt: { lt: dayEnd } } } },
    ],
  }

  const [village, received, steps, open, overdue, byCategory, byCategoryAndVillage] = await runAll(db, [
    () =>
      input.villageId
        ? db.village.findFirst({
            where: { AND: [{ id: input.villageId }, villageScope(actor)] },
            select: { id: true, name: true },
          })
        : Promise.resolve(null),
    () => db.need.count({ where: receivedThatDay }),
    () =>
      db.needEvent.groupBy({
        by: ['toStatus'],
        where: { createdAt: { gte: dayStart, lt: dayEnd }, toStatus: { in: [...COUNTED_STEPS] }, need: inScope },
        _count: { _all: true },
      }),
    () => db.need.count({ where: openAtDayEnd }),
    // Overdue as the needs board has it on that day: due before it (need-views.ts isOverdue).
    () => db.need.count({ where: { AND: [openAtDayEnd, { dueOn: { lt: dateOnlyToDate(input.date) } }] } }),
    () => db.need.groupBy({ by: ['category'], where: receivedThatDay, _count: { _all: true } }),
    () => db.need.groupBy({ by: ['category', 'villageId'], where: receivedThatDay, _count: { _all: true } }),
  ])

  const stepCount = (step: CountedStep) => steps.find((s) => s.toStatus === step)?._count._all ?? 0
  const figures: DailyNeedsFigures = {
    received,
    handledDirectly: stepCount('HANDLED_DIRECTLY'),
    transferred: stepCount('TRANSFERRED'),
    resolved: stepCount('RESOLVED'),
    followedUp: stepCount('FOLLOWED_UP'),
    rejected: stepCount('REJECTED'),
  }

  // Most first; ties in the order of the category list, so the report reads the same each time.
  const topics = byCategory
    .map((g) => ({ category: g.category, count: g._count._all }))
    .sort((a, b) => b.count - a.count || NEED_CATEGORIES.indexOf(a.category) - NEED_CATEGORIES.indexOf(b.category))
  const quoted = await runAll(
    db,
    topics.map(
      ({ category }) =>
        () =>
          db.need.findMany({
            where: { AND: [receivedThatDay, { category }] },
            // The village and the need, never the household: a report travels further than the board.
            select: { description: true, village: { select: { name: true } } },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: QUOTED_PER_TOPIC,
          }),
    ),
  )
  const hotTopics: DailyNeedsHotTopic[] = topics.map(({ category, count }, i) => ({
    category,
    label: NEED_CATEGORY_LABELS[category],
    count,
    line: lineOf(
      count,
      quoted[i] ?? [],
      byCategoryAndVillage.filter((g) => g.category === category).map((g) => g._count._all),
    ),
  }))

  const totals = { open, overdue }
  return {
    date: input.date,
    village,
    figures,
    totals,
    hotTopics,
    lead: dailyNeedsLead(input.date, figures, totals, hotTopics),
  }
}
