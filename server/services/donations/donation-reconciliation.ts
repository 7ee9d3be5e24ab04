// 对账: what each donation in scope received, what live handovers drew from it, and the balance,
// to the fen and per goods item, with the number of handovers and of households (or cadres) they
// reached; the same added up per activity, per village and per donor, each group with the way to
// its households (handover.list, or its donations, each of which pages its own recipients); the
// donations' own lines a page at a time; and, for one donation, its recipients a page at a time. What was drawn is added up in the database
// (reconciliation-draws.ts); no recipient is read unless one donation is asked for. Voided
// donations and voided handovers count nowhere.

import type {
  TDonationReconciliation,
  TDonationReconciliationRequest,
  TReconciledDonation,
  TReconciliationGroup,
  TReconciliationScope,
} from '../../../common/contracts/donation/donation-reconciliation'
import { dateToDateOnly } from '../../../common/dates'
import { toPage } from '../../../common/pagination'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { donationScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { activityKey, type Counts, donorKey, drawSums } from './reconciliation-draws'
import {
  cashFigures,
  type Figures,
  goodsFigures,
  NO_FIGURES,
  subtractFigures,
  sumFigures,
} from './reconciliation-figures'
import { donationRecipients } from './reconciliation-recipients'

const reconciledSelect = {
  id: true,
  donorName: true,
  donorOrgId: true,
  kind: true,
  amountFen: true,
  receivedOn: true,
  village: { select: { id: true, name: true } },
  activity: { select: { id: true, theme: true } },
  goods: { select: { id: true, item: true, unit: true, quantity: true, valueFen: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.DonationSelect

type Row = Prisma.DonationGetPayload<{ select: typeof reconciledSelect }>

const NO_COUNTS: Counts = { handoverCount: 0, recipientCount: 0 }

const received = (row: Row): Figures =>
  row.kind === 'CASH'
    ? cashFigures(toFen(row.amountFen))
    : goodsFigures(
        row.goods.map((g) => ({ item: g.item, unit: g.unit, quantity: g.quantity, valueFen: toFen(g.valueFen) })),
      )

type GroupOf = {
  key: (d: TReconciledDonation) => string
  label: (d: TReconciledDonation) => string
  counts: Map<string, Counts>
  scope: (d: TReconciledDonation) => TReconciliationScope | null
  handoverFilter: (d: TReconciledDonation) => TReconciliationGroup['handoverFilter']
}

const groupBy = (donations: TReconciledDonation[], of: GroupOf): TReconciliationGroup[] => {
  const members = new Map<string, TReconciledDonation[]>()
  for (const d of donations) {
    const key = of.key(d)
    const list = members.get(key)
    if (list) list.push(d)
    else members.set(key, [d])
  }
  return [...members].map(([key, list]) => {
    const first = list[0] as TReconciledDonation
    const inFigures = sumFigures(list.map((d) => d.received))
    const outFigures = sumFigures(list.map((d) => d.handedOver))
    return {
      key,
      label: of.label(first),
      received: inFigures,
      handedOver: outFigures,
      balance: subtractFigures(inFigures, outFigures),
      ...(of.counts.get(key) ?? NO_COUNTS),
      donationCount: list.length,
      scope: of.scope(first),
      handoverFilter: of.handoverFilter(first),
    }
  })
}

export const donationReconciliation = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TDonationReconciliationRequest
}): Promise<TDonationReconciliation> => {
  const rows = await ctx.db.donation.findMany({
    where: {
      AND: [
        donationScope(ctx.actor),
        { voidedAt: null },
        input.donationId ? { id: input.donationId } : {},
        input.activityId ? { activityId: input.activityId } : {},
        input.villageId ? { villageId: input.villageId } : {},
        input.donorOrgId ? { donorOrgId: input.donorOrgId } : {},
      ],
    },
    select: reconciledSelect,
    orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
  })
  const sums = await drawSums(
    ctx,
    rows.map((r) => r.id),
  )
  const drawn = new Map<string, Figures[]>()
  const goodsLines = new Map(rows.flatMap((r) => r.goods.map((g) => [g.id, g] as const)))
  for (const line of sums.lines) {
    const goods = line.donationGoodsId ? goodsLines.get(line.donationGoodsId) : undefined
    const figures = goods
      ? goodsFigures([{ item: goods.item, unit: goods.unit, quantity: line.quantity, valueFen: line.fen }])
      : cashFigures(line.fen)
    const list = drawn.get(line.donationId)
    if (list) list.push(figures)
    else drawn.set(line.donationId, [figures])
  }
  const donations = rows.map((row): TReconciledDonation => {
    const inFigures = received(row)
    const outFigures = sumFigures(drawn.get(row.id) ?? [NO_FIGURES])
    return {
      id: row.id,
      donorName: row.donorName,
      donorOrgId: row.donorOrgId,
      kind: row.kind,
      receivedOn: dateToDateOnly(row.receivedOn),
      village: row.village,
      activity: row.activity,
      received: inFigures,
      handedOver: outFigures,
      balance: subtractFigures(inFigures, outFigures),
      ...(sums.byDonation.get(row.id) ?? NO_COUNTS),
    }
  })
  const totalsIn = sumFigures(donations.map((d) => d.received))
  const totalsOut = sumFigures(donations.map((d) => d.handedOver))
  const narrowed = {
    ...(input.activityId ? { activityId: input.activityId } : {}),
    ...(input.villageId ? { villageId: input.villageId } : {}),
    ...(input.donorOrgId ? { donorOrgId: input.donorOrgId } : {}),
  }
  const only = input.donationId ? rows[0] : undefined
  const from = input.cursor && !only ? donations.findIndex((d) => d.id === input.cursor) + 1 : 0
  return {
    donations: only ? { items: donations, nextCursor: null } : toPage(donations.slice(from), input.limit),
    totals: {
      received: totalsIn,
      handedOver: totalsOut,
      balance: subtractFigures(totalsIn, totalsOut),
      ...sums.overall,
    },
    byActivity: groupBy(donations, {
      key: (d) => activityKey(d.activity?.id ?? null),
      label: (d) => d.activity?.theme ?? '未关联活动',
      counts: sums.byActivity,
      scope: (d) => (d.activity ? { ...narrowed, activityId: d.activity.id } : null),
      handoverFilter: (d) => (d.activity ? { activityId: d.activity.id } : null),
    }),
    byVillage: groupBy(donations, {
      key: (d) => d.village.id,
      label: (d) => d.village.name,
      counts: sums.byVillage,
      scope: (d) => ({ ...narrowed, villageId: d.village.id }),
      handoverFilter: (d) => ({ villageId: d.village.id }),
    }),
    byDonor: groupBy(donations, {
      key: (d) => donorKey(d.donorOrgId, d.donorName),
      label: (d) => d.donorName,
      counts: sums.byDonor,
      scope: (d) => (d.donorOrgId ? { ...narrowed, donorOrgId: d.donorOrgId } : null),
      handoverFilter: () => null,
    }),
    recipients: only ? await donationRecipients(ctx, only, input) : null,
  }
}
