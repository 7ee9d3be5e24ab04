import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { toFen } from '../../lib/fen'
import { goodsLineSelect, householdRefSelect, toGoodsLine, userRefSelect } from '../record-selects'
import type { DonationRow } from './write-donation'

/** Who gave what to whom, and when: as the 活动记录 sheet lists a donation. */
export const donationFactsSelect = {
  id: true,
  donorName: true,
  kind: true,
  amountFen: true,
  recipientKind: true,
  receivedOn: true,
  note: true,
  household: { select: householdRefSelect },
  cadre: { select: userRefSelect },
  goods: { select: goodsLineSelect, orderBy: { id: 'asc' } },
} satisfies Prisma.DonationSelect

export const donationSelect = {
  ...donationFactsSelect,
  version: true,
  voidedAt: true,
  voidReason: true,
  createdAt: true,
  donorOrg: { select: { id: true, name: true, kind: true } },
  village: { select: { id: true, name: true } },
  activity: { select: { id: true, theme: true, heldOn: true } },
  goods: { select: { id: true, ...goodsLineSelect }, orderBy: { id: 'asc' } },
} satisfies Prisma.DonationSelect

export const toDonationView = ({
  amountFen,
  receivedOn,
  activity,
  goods,
  ...d
}: Prisma.DonationGetPayload<{ select: typeof donationSelect }>) =>
  extend(d, {
    amountFen: toFen(amountFen),
    receivedOn: dateToDateOnly(receivedOn),
    isVoided: d.voidedAt !== null,
    activity: activity ? extend(activity, { heldOn: dateToDateOnly(activity.heldOn) }) : null,
    goods: goods.map(toGoodsLine),
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
  goods: row.goods.map(({ donationId, ...line }) => toGoodsLine(line)),
})
