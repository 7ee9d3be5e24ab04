// A handover as lists and pages show it: recipient, goods, cash, where it came from, its 签收 state.

import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { goodsLineSelect, householdRefSelect, toGoodsLine, userRefSelect } from '../record-selects'

export const handoverSelect = {
  id: true,
  version: true,
  recipientKind: true,
  villageId: true,
  activityId: true,
  visitId: true,
  handedOverOn: true,
  cashFen: true,
  goodsValueFen: true,
  note: true,
  state: true,
  confirmedAt: true,
  confirmation: true,
  disputeNote: true,
  disputeNeedId: true,
  voidedAt: true,
  voidReason: true,
  createdAt: true,
  household: { select: householdRefSelect },
  cadre: { select: userRefSelect },
  handedOverBy: { select: userRefSelect },
  signature: { select: { sha256: true, width: true, height: true, signerName: true, signedAt: true } },
  lines: { select: goodsLineSelect, orderBy: { id: 'asc' } },
  draws: {
    select: {
      donationId: true,
      donationGoodsId: true,
      quantity: true,
      amountFen: true,
      donation: { select: { donorName: true } },
      donationGoods: { select: { item: true, unit: true } },
    },
    orderBy: { id: 'asc' },
  },
} satisfies Prisma.HandoverSelect

export type HandoverRow = Prisma.HandoverGetPayload<{ select: typeof handoverSelect }>

/** Where staff who see the handover download its signature (server/http/handover-signatures.ts). */
export const signatureUrlOf = (handoverId: string) => `/handovers/${handoverId}/signature`

export const toHandoverView = ({
  handedOverOn,
  cashFen,
  goodsValueFen,
  lines,
  draws,
  signature,
  ...h
}: HandoverRow) => ({
  ...h,
  signature: signature && { ...signature, url: signatureUrlOf(h.id) },
  handedOverOn: dateToDateOnly(handedOverOn),
  cashFen: toFen(cashFen),
  goodsValueFen: toFen(goodsValueFen),
  totalFen: toFen(cashFen) + toFen(goodsValueFen),
  isVoided: h.voidedAt !== null,
  goods: lines.map(toGoodsLine),
  draws: draws.map(({ donation, donationGoods, amountFen, ...d }) => ({
    ...d,
    donorName: donation.donorName,
    item: donationGoods?.item ?? null,
    unit: donationGoods?.unit ?? null,
    amountFen: toFen(amountFen),
  })),
})
