import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'

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
