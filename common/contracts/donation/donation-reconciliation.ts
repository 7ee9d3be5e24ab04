import { z } from 'zod'
import type { Page } from '../../pagination'
import { ZPage } from '../fields'

export const RECONCILIATION_GROUPINGS = ['activity', 'village', 'donor'] as const
export type TReconciliationGrouping = (typeof RECONCILIATION_GROUPINGS)[number]

/** The parts of a 对账 worked out beside its totals, named as the answer's fields. */
export const RECONCILIATION_PARTS = ['donations', 'byActivity', 'byVillage', 'byDonor'] as const
export type TReconciliationPart = (typeof RECONCILIATION_PARTS)[number]

/**
 * 对账: the donations of an activity, a village, a donor, or one donation, against what was handed
 * over. `cursor` and `limit` page the donations' own lines, or, with `donationId`, that donation's
 * recipients; `limit` also sizes the first page of each grouping (byActivity, byVillage, byDonor),
 * whose later pages donation.reconciliationGroups gives. The totals, and each group's figures,
 * are always of every donation in scope. `parts` names the parts the answer carries beside the
 * totals (each other part is null), all of them when absent: a screen asks for what it shows, and
 * a part not asked for is work the database does not do.
 */
export const ZDonationReconciliationRequestSchema = ZPage.extend({
  donationId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  donorOrgId: z.uuid().optional(),
  parts: z.array(z.enum(RECONCILIATION_PARTS)).max(RECONCILIATION_PARTS.length).optional(),
})
export type TDonationReconciliationRequest = z.infer<typeof ZDonationReconciliationRequestSchema>

/**
 * One grouping of a 对账 a page at a time, in the order of each group's first donation received.
 * `cursor` is the last group's `key` (a key is not always a UUID: '' for donations of no activity,
 * `name:` and a name for a donor without an org).
 */
export const ZReconciliationGroupsRequestSchema = z.object({
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  donorOrgId: z.uuid().optional(),
  by: z.enum(RECONCILIATION_GROUPINGS),
  cursor: z.string().max(300).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
})
export type TReconciliationGroupsRequest = z.infer<typeof ZReconciliationGroupsRequestSchema>

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

/** A page of groups, the next starting after `nextCursor` (a key), and how many groups there are. */
export type TReconciliationGroups = { items: TReconciliationGroup[]; nextCursor: string | null; count: number }

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
  donations: Page<TReconciledDonation> | null
  /** Of every donation in scope; `donationCount` is how many there are. */
  totals: TReconciledFigures & THandoverCounts & { donationCount: number }
  /** Each grouping's first page. Each of these parts is null when the request's `parts` leaves it out. */
  byActivity: TReconciliationGroups | null
  byVillage: TReconciliationGroups | null
  byDonor: TReconciliationGroups | null
  /** One donation's recipients, a page at a time, oldest first; null without `donationId`. */
  recipients: Page<TReconciliationRecipient> | null
}
