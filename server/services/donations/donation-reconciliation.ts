// 对账: what each donation in scope received, what live handovers drew from it, and the balance,
// to the fen and per goods item, with the households (or cadres) behind every figure; and the
// same added up per activity, per village and per donor. Voided donations and voided handovers
// count nowhere.

import type { TDonationReconciliationRequest } from '../../../common/contracts/donation/donation-reconciliation'
import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { visibleHouseholdIds } from '../households/visible-households'
import { householdRefSelect, userRefSelect } from '../record-selects'
import { donationScope } from '../scope'
import type { ServiceContext } from '../service-context'
import {
  addFigures,
  cashFigures,
  type Figures,
  goodsFigures,
  NO_FIGURES,
  subtractFigures,
} from './reconciliation-figures'

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
  handedOut: {
    where: { handover: { voidedAt: null } },
    select: {
      donationGoodsId: true,
      quantity: true,
      amountFen: true,
      handover: {
        select: {
          id: true,
          recipientKind: true,
          handedOverOn: true,
          state: true,
          household: { select: householdRefSelect },
          cadre: { select: userRefSelect },
        },
      },
    },
    orderBy: { id: 'asc' },
  },
} satisfies Prisma.DonationSelect

type Row = Prisma.DonationGetPayload<{ select: typeof reconciledSelect }>
type Recipient = {
  handoverId: string
  recipientKind: string
  household: { id: string; code: string; headName: string } | null
  cadre: { id: string; displayName: string } | null
  handedOverOn: string
  state: string
  handedOver: Figures
}

const received = (row: Row): Figures =>
  row.kind === 'CASH'
    ? cashFigures(toFen(row.amountFen))
    : goodsFigures(
        row.goods.map((g) => ({ item: g.item, unit: g.unit, quantity: g.quantity, valueFen: toFen(g.valueFen) })),
      )

/** One donation's handovers, each with what it drew from this donation. */
const recipientsOf = (row: Row, visible: Set<string>): Recipient[] => {
  const byHandover = new Map<string, Recipient>()
  for (const draw of row.handedOut) {
    const h = draw.handover
    const recipient = byHandover.get(h.id) ?? {
      handoverId: h.id,
      recipientKind: h.recipientKind,
      household: h.household && visible.has(h.household.id) ? h.household : null,
      cadre: h.cadre,
      handedOverOn: dateToDateOnly(h.handedOverOn),
      state: h.state,
      handedOver: NO_FIGURES,
    }
    const line = draw.donationGoodsId ? row.goods.find((g) => g.id === draw.donationGoodsId) : undefined
    const drawn: Figures = line
      ? goodsFigures([
          { item: line.item, unit: line.unit, quantity: draw.quantity ?? 0, valueFen: toFen(draw.amountFen) },
        ])
      : cashFigures(toFen(draw.amountFen))
    recipient.handedOver = addFigures(recipient.handedOver, drawn)
    byHandover.set(h.id, recipient)
  }
  return [...byHandover.values()]
}

type Group = {
  key: string
  label: string
  received: Figures
  handedOver: Figures
  balance: Figures
  recipients: Recipient[]
}

const groupBy = (
  donations: { received: Figures; handedOver: Figures; recipients: Recipient[]; key: string; label: string }[],
): Group[] => {
  const groups = new Map<string, Group>()
  for (const d of donations) {
    const g = groups.get(d.key) ?? {
      key: d.key,
      label: d.label,
      received: NO_FIGURES,
      handedOver: NO_FIGURES,
      balance: NO_FIGURES,
      recipients: [],
    }
    g.received = addFigures(g.received, d.received)
    g.handedOver = addFigures(g.handedOver, d.handedOver)
    g.balance = subtractFigures(g.received, g.handedOver)
    g.recipients.push(...d.recipients)
    groups.set(d.key, g)
  }
  return [...groups.values()]
}

export const donationReconciliation = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TDonationReconciliationRequest
}) => {
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
  const visible = await visibleHouseholdIds(
    ctx,
    rows.flatMap((r) => r.handedOut.map((d) => d.handover.household?.id)),
  )
  const donations = rows.map((row) => {
    const recipients = recipientsOf(row, visible)
    const inFigures = received(row)
    const outFigures = recipients.reduce((sum, r) => addFigures(sum, r.handedOver), NO_FIGURES)
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
      recipients,
    }
  })
  const totalsIn = donations.reduce((sum, d) => addFigures(sum, d.received), NO_FIGURES)
  const totalsOut = donations.reduce((sum, d) => addFigures(sum, d.handedOver), NO_FIGURES)
  return {
    donations,
    totals: { received: totalsIn, handedOver: totalsOut, balance: subtractFigures(totalsIn, totalsOut) },
    byActivity: groupBy(
      donations.map((d) => ({ ...d, key: d.activity?.id ?? '', label: d.activity?.theme ?? '未关联活动' })),
    ),
    byVillage: groupBy(donations.map((d) => ({ ...d, key: d.village.id, label: d.village.name }))),
    byDonor: groupBy(donations.map((d) => ({ ...d, key: d.donorOrgId ?? `name:${d.donorName}`, label: d.donorName }))),
  }
}
