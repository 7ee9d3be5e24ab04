// 捐赠去向: where a donation went, for the org that gave it. Its secretary (and an administrator)
// sees what it received, what was handed over from it, village by village and recipient by
// recipient, and the balance. The recipients are shown as a 公示 shows them (common/personal-
// data.ts: names masked, no ID number, phone or signature), since the donor need not reach the
// village; every other org's secretary is refused.

import type { TDonorViewRequest } from '../../../common/contracts/donation/donor-view'
import { dateToDateOnly } from '../../../common/dates'
import { HANDOVER_STATE_LABELS } from '../../../common/enums'
import { maskPersonName } from '../../../common/personal-data'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { type Actor, hasRole } from '../auth/actor'
import type { ServiceContext } from '../service-context'
import {
  addFigures,
  cashFigures,
  type Figures,
  goodsFigures,
  NO_FIGURES,
  subtractFigures,
} from './reconciliation-figures'

const donorViewSelect = {
  id: true,
  donorOrgId: true,
  donorName: true,
  kind: true,
  amountFen: true,
  receivedOn: true,
  voidedAt: true,
  village: { select: { name: true } },
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
          handedOverOn: true,
          state: true,
          village: { select: { id: true, name: true } },
          household: { select: { headName: true, groupName: true } },
          cadre: { select: { displayName: true } },
        },
      },
    },
    orderBy: { id: 'asc' },
  },
} satisfies Prisma.DonationSelect

type Row = Prisma.DonationGetPayload<{ select: typeof donorViewSelect }>
type Draw = Row['handedOut'][number]

/** Whether the actor speaks for the donor org: an administrator, or a secretary of its subtree. */
const speaksForDonor = (actor: Actor, donorOrgId: string | null) =>
  hasRole(actor, 'ADMIN') || (donorOrgId !== null && actor.reach.subtreeOrgIds.includes(donorOrgId))

const receivedOf = (row: Row): Figures =>
  row.kind === 'CASH'
    ? cashFigures(toFen(row.amountFen))
    : goodsFigures(
        row.goods.map((g) => ({ item: g.item, unit: g.unit, quantity: g.quantity, valueFen: toFen(g.valueFen) })),
      )

const drawnOf = (row: Row, draw: Draw): Figures => {
  const line = draw.donationGoodsId ? row.goods.find((g) => g.id === draw.donationGoodsId) : undefined
  return line
    ? goodsFigures([
        { item: line.item, unit: line.unit, quantity: draw.quantity ?? 0, valueFen: toFen(draw.amountFen) },
      ])
    : cashFigures(toFen(draw.amountFen))
}

/** 马*林 (三社), or 李*华（驻村干部）: as the 公示 names them. */
const recipientOf = (h: Draw['handover']) =>
  h.household
    ? { name: maskPersonName(h.household.headName), group: h.household.groupName }
    : { name: `${maskPersonName(h.cadre?.displayName ?? '')}（驻村干部）`, group: null }

type Recipient = ReturnType<typeof recipientOf> & {
  handoverId: string
  handedOverOn: string
  stateLabel: string
  handedOver: Figures
}
type VillageShare = { villageId: string; villageName: string; handedOver: Figures; recipients: Recipient[] }

export const donorView = async ({ ctx, input }: { ctx: ServiceContext; input: TDonorViewRequest }) => {
  const row = await ctx.db.donation.findUnique({ where: { id: input.donationId }, select: donorViewSelect })
  if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这笔捐赠' })
  if (!speaksForDonor(ctx.actor, row.donorOrgId))
    throw new AppError('FORBIDDEN', { message: '只有捐赠单位的支部书记可以查看这笔捐赠的去向' })

  const villages = new Map<string, VillageShare>()
  const recipients = new Map<string, Recipient>()
  for (const draw of row.handedOut) {
    const h = draw.handover
    const drawn = drawnOf(row, draw)
    const share = villages.get(h.village.id) ?? {
      villageId: h.village.id,
      villageName: h.village.name,
      handedOver: NO_FIGURES,
      recipients: [],
    }
    share.handedOver = addFigures(share.handedOver, drawn)
    villages.set(h.village.id, share)
    const recipient = recipients.get(h.id)
    if (recipient) recipient.handedOver = addFigures(recipient.handedOver, drawn)
    else {
      const made: Recipient = {
        ...recipientOf(h),
        handoverId: h.id,
        handedOverOn: dateToDateOnly(h.handedOverOn),
        stateLabel: HANDOVER_STATE_LABELS[h.state],
        handedOver: drawn,
      }
      recipients.set(h.id, made)
      share.recipients.push(made)
    }
  }
  const received = receivedOf(row)
  const handedOver = [...villages.values()].reduce((sum, v) => addFigures(sum, v.handedOver), NO_FIGURES)
  return {
    id: row.id,
    donorName: row.donorName,
    kind: row.kind,
    receivedOn: dateToDateOnly(row.receivedOn),
    villageName: row.village.name,
    isVoided: row.voidedAt !== null,
    received,
    handedOver,
    balance: subtractFigures(received, handedOver),
    villages: [...villages.values()],
  }
}
