import { z } from 'zod'
import type { Page } from '../../pagination'
import { ZPage } from '../fields'

/**
 * 对账: the donations of an activity, a village, a donor, or one donation, against what was handed
 * over. `cursor` and `limit` page the donations' own lines, or, with `donationId`, that donation's
 * recipients; the totals and the groups are always of every donation in scope.
 */
export const ZDonationReconciliationRequestSchema = ZPage.extend({
  donationId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  donorOrgId: z.uuid().optional(),
})
export type TDonationReconciliationRequest = z.infer<typeof ZDonationReconciliationRequestSchema>

export type TItemFigure = { item: string; unit: string; quantity: number; valueFen: number }
/** Money in fen, and goods per item and unit. */
export type TFigures = { cashFen: number; goodsValueFen: number; totalFen: number; goods: TItemFigure[] }
export type TReconciledFigures = { received: TFigures; handedOver: TFigures; balance: TFigures }

/** How many live handovers drew on the figures, and how many households (or cadres) they reached. */
export type THandoverCounts = { handoverCount: number; recipientCount: number }

/** The request narrowed to one group, which lists its donations: each donation then pages its recipients. */
export type TReconciliationScope = { activityId?: string; villageId?: string; donorOrgId?: string }

export type TReconciledDonation = TReconciledFigures &
  THandoverCounts & {
    id: string
    donorName: string
    donorOrgId: string | null
    kind: 'CASH' | 'GOODS'
    receivedOn: string
    village: { id: string; name: string }
    activity: { id: string; theme: string } | null
  }

/**
 * An activity's, a village's or a donor's figures. The households behind them: handover.list by
 * `handoverFilter` where there is one (activity, village), and each donation's recipients
 * (`scope`, then `donationId`) for every group but a donor named only by name.
 */
export type TReconciliationGroup = TReconciledFigures &
  THandoverCounts & {
    key: string
    label: string
    donationCount: number
    scope: TReconciliationScope | null
    handoverFilter: { activityId: string } | { villageId: string } | null
  }

/** A household (or cadre) one donation reached, and what it drew from that donation. */
export type TReconciliationRecipient = {
  handoverId: string
  recipientKind: string
  household: { id: string; code: string; headName: string } | null
  cadre: { id: string; displayName: string } | null
  handedOverOn: string
  state: string
  handedOver: TFigures
}

export type TDonationReconciliation = {
  /** The donations in scope, a page at a time, by date received (one, with `donationId`). */
  donations: Page<TReconciledDonation>
  totals: TReconciledFigures & THandoverCounts
  byActivity: TReconciliationGroup[]
  byVillage: TReconciliationGroup[]
  byDonor: TReconciliationGroup[]
  /** One donation's recipients, a page at a time, oldest first; null without `donationId`. */
  recipients: Page<TReconciliationRecipient> | null
}
