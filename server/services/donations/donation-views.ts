import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import type { DonationRow } from './write-donation'

export const donationSelect = {
  id: true,
  version: true,
  donorName: true,
  kind: true,
  amountFen: true,
  recipientKind: true,
  receivedOn: true,
  note: true,
  voidedAt: true,
  voidReason: true,
  createdAt: true,
  donorOrg: { select: { id: true, name: true, kind: true } },
  village: { select: { id: true, name: true } },
  household: { select: { id: true, code: true, headName: true } },
  cadre: { select: { id: true, displayName: true } },
  activity: { select: { id: true, theme: true, heldOn: true } },
  goods: { select: { id: true, item: true, quantity: true, unit: true, unitValueFen: true, valueFen: true } },
} satisfies Prisma.DonationSelect

export const toDonationView = ({
  amountFen,
  receivedOn,
  activity,
  goods,
  ...d
}: Prisma.DonationGetPayload<{ select: typeof donationSelect }>) => ({
  ...d,
  amountFen: toFen(amountFen),
  receivedOn: dateToDateOnly(receivedOn),
  isVoided: d.voidedAt !== null,
  activity: activity ? { ...activity, heldOn: dateToDateOnly(activity.heldOn) } : null,
  goods: goods.map((g) => ({ ...g, unitValueFen: toFen(g.unitValueFen), valueFen: toFen(g.valueFen) })),
})

/** A donation as recorded, before anything joins names to its ids: donation.create's answer. */
export const toRecordedDonationView = (row: DonationRow) => ({
  id: row.id,
  version: row.version,
  createdAt: row.createdAt,
  donorOrgId: row.donorOrgId,
  donorName: row.donorName,
  recipientKind: row.recipientKind,
  villageId: row.villageId,
  householdId: row.householdId,
  cadreUserId: row.cadreUserId,
  activityId: row.activityId,
  kind: row.kind,
  amountFen: toFen(row.amountFen),
  receivedOn: dateToDateOnly(row.receivedOn),
  note: row.note,
  goods: row.goods.map((g) => ({
    id: g.id,
    item: g.item,
    quantity: g.quantity,
    unit: g.unit,
    unitValueFen: toFen(g.unitValueFen),
    valueFen: toFen(g.valueFen),
  })),
})
