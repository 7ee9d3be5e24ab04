// 发放签收表: the rows of the paper form, one per recipient and item, 慰问金 as an item of its own,
// with each handover's 签收 state. One reading for the Excel file, its 公示 version and the
// printable page, so that they always agree, and agree with 对账 (donation.reconciliation): the
// same live handovers, in the caller's handoverScope.

import type { TSignSheetExportRequest } from '../../../common/contracts/handover/sign-sheet'
import { dateOnlyToDate, dateToDateOnly, formatShanghaiDateTime } from '../../../common/dates'
import { HANDOVER_CONFIRMATION_LABELS, HANDOVER_STATE_LABELS, type HandoverState } from '../../../common/enums'
import { maskPersonName } from '../../../common/personal-data'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { activityScope, handoverScope, villageScope } from '../scope'
import type { ServiceContext } from '../service-context'

/** 慰问金 as the form lists it: an item beside 米, 面 and 油. */
export const CASH_ITEM = '慰问金'

export const signSheetSelect = {
  id: true,
  handedOverOn: true,
  recipientKind: true,
  cashFen: true,
  state: true,
  confirmation: true,
  confirmedAt: true,
  household: { select: { headName: true, groupName: true } },
  cadre: { select: { displayName: true } },
  village: { select: { name: true } },
  lines: { select: { item: true, quantity: true, unit: true, valueFen: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.HandoverSelect

export type SignSheetHandover = Prisma.HandoverGetPayload<{ select: typeof signSheetSelect }>

/** One line of the form. Money in fen; `handoverId` ties it to the signature beside it. */
export type SignSheetRow = {
  handoverId: string
  recipient: string
  place: string
  item: string
  quantity: number | null
  unit: string | null
  amountFen: number
  /** 发放日期, YYYY-MM-DD. */
  handedOverOn: string
  state: HandoverState
  stateLabel: string
  /** 微信确认 / 当面签字, or null while 待签收. */
  confirmedHow: string | null
  /** When it was signed for, `YYYY-MM-DD HH:mm` in Beijing time. */
  confirmedAt: string | null
}

/** The handovers a sheet lists: live ones, in scope, of the activity or of the village and period. */
export const signSheetWhere = (ctx: ServiceContext, input: TSignSheetExportRequest): Prisma.HandoverWhereInput => ({
  AND: [
    handoverScope(ctx.actor),
    { voidedAt: null },
    input.activityId ? { activityId: input.activityId } : {},
    input.villageId ? { villageId: input.villageId } : {},
    input.from ? { handedOverOn: { gte: dateOnlyToDate(input.from) } } : {},
    input.to ? { handedOverOn: { lte: dateOnlyToDate(input.to) } } : {},
  ],
})

/** Handovers are read in (发放日期, id) order: the keyset. */
export const SIGN_SHEET_ORDER = [
  { handedOverOn: 'asc' },
  { id: 'asc' },
] as const satisfies Prisma.HandoverOrderByWithRelationInput[]

export const afterHandover = (last: { id: string; handedOverOn: Date } | undefined): Prisma.HandoverWhereInput =>
  last
    ? { OR: [{ handedOverOn: { gt: last.handedOverOn } }, { handedOverOn: last.handedOverOn, id: { gt: last.id } }] }
    : {}

/** Who received it: the 户主, or the 驻村干部 for goods meant for the village's work. */
const recipientOf = (h: SignSheetHandover, isPublic: boolean): string => {
  if (h.household) return isPublic ? maskPersonName(h.household.headName) : h.household.headName
  const cadre = h.cadre?.displayName ?? ''
  return `${isPublic ? maskPersonName(cadre) : cadre}（驻村干部）`
}

/** A handover's lines on the form: each goods line, then its 慰问金. */
export const signSheetRowsOf = (h: SignSheetHandover, isPublic: boolean): SignSheetRow[] => {
  const common = {
    handoverId: h.id,
    recipient: recipientOf(h, isPublic),
    place: [h.village.name, h.household?.groupName].filter(Boolean).join(' '),
    handedOverOn: dateToDateOnly(h.handedOverOn),
    state: h.state,
    stateLabel: HANDOVER_STATE_LABELS[h.state],
    confirmedHow: h.confirmation ? HANDOVER_CONFIRMATION_LABELS[h.confirmation] : null,
    confirmedAt: h.confirmedAt ? formatShanghaiDateTime(h.confirmedAt) : null,
  }
  const rows: SignSheetRow[] = h.lines.map((line) => ({
    ...common,
    item: line.item,
    quantity: line.quantity,
    unit: line.unit,
    amountFen: toFen(line.valueFen),
  }))
  const cashFen = toFen(h.cashFen)
  if (cashFen > 0) rows.push({ ...common, item: CASH_ITEM, quantity: null, unit: '元', amountFen: cashFen })
  return rows
}

/** What the form's 合计 says: 慰问金, goods value, and each goods item's quantity. */
export type SignSheetTotals = {
  rowCount: number
  handoverCount: number
  cashFen: number
  goodsValueFen: number
  totalFen: number
  goods: { item: string; unit: string; quantity: number; valueFen: number }[]
}

export const emptyTotals = (): SignSheetTotals => ({
  rowCount: 0,
  handoverCount: 0,
  cashFen: 0,
  goodsValueFen: 0,
  totalFen: 0,
  goods: [],
})

/** Adds one handover's rows into the totals, in integer fen. */
export const addToTotals = (totals: SignSheetTotals, rows: readonly SignSheetRow[]) => {
  totals.handoverCount += 1
  for (const row of rows) {
    totals.rowCount += 1
    totals.totalFen += row.amountFen
    if (row.item === CASH_ITEM && row.quantity === null) {
      totals.cashFen += row.amountFen
      continue
    }
    totals.goodsValueFen += row.amountFen
    const unit = row.unit ?? ''
    const held = totals.goods.find((g) => g.item === row.item && g.unit === unit)
    if (held) {
      held.quantity += row.quantity ?? 0
      held.valueFen += row.amountFen
    } else totals.goods.push({ item: row.item, unit, quantity: row.quantity ?? 0, valueFen: row.amountFen })
  }
}

/** The form's heading: 发放签收表, who gave, and when; the activity or village only when in the caller's scope. */
export type SignSheetHeading = { title: string; org: string | null; place: string | null; period: string }

export const signSheetHeading = async (
  ctx: ServiceContext,
  input: TSignSheetExportRequest,
  isPublic: boolean,
): Promise<SignSheetHeading> => {
  const title = isPublic ? '发放公示表' : '发放签收表'
  if (input.activityId) {
    const activity = await ctx.db.activity.findFirst({
      where: { AND: [{ id: input.activityId }, activityScope(ctx.actor)] },
      select: {
        theme: true,
        heldOn: true,
        organiserOrg: { select: { name: true } },
        village: { select: { name: true } },
      },
    })
    if (activity)
      return {
        title: `${activity.theme} ${title}`,
        org: activity.organiserOrg.name,
        place: activity.village?.name ?? null,
        period: dateToDateOnly(activity.heldOn),
      }
  }
  const village = input.villageId
    ? await ctx.db.village.findFirst({
        where: { AND: [{ id: input.villageId }, villageScope(ctx.actor)] },
        select: { name: true, county: true, township: true },
      })
    : null
  const period =
    input.from && input.to
      ? `${input.from} 至 ${input.to}`
      : input.from
        ? `${input.from} 起`
        : input.to
          ? `截至 ${input.to}`
          : '全部'
  return {
    title: village ? `${village.name}${title}` : title,
    org: null,
    place: village ? `${village.county}${village.township}${village.name}` : null,
    period,
  }
}
