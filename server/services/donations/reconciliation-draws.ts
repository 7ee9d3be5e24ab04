// What live handovers drew from a set of donations, added up in one grouped statement: per
// donation and goods line (the figures), and the handovers and recipients counted per donation,
// per activity, per village, per donor and over all (a handover drawing on two donations of one
// group counts once in it). Voided handovers count nowhere.

import { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import type { ServiceContext } from '../service-context'

export type Counts = { handoverCount: number; recipientCount: number }
export type LineDraw = { donationId: string; donationGoodsId: string | null; quantity: number; fen: number }
export type DrawSums = {
  lines: LineDraw[]
  byDonation: Map<string, Counts>
  byActivity: Map<string, Counts>
  byVillage: Map<string, Counts>
  byDonor: Map<string, Counts>
  overall: Counts
}

type SumRow = {
  g: number
  donation: string | null
  goods: string | null
  activity: string | null
  village: string | null
  donor: string | null
  quantity: number | null
  fen: bigint | null
  handovers: number
  recipients: number
}

// GROUPING(donation, goods, activity, village, donor): a bit set for each column not grouped by.
const BY_LINE = 0b00111
const BY_DONATION = 0b01111
const BY_ACTIVITY = 0b11011
const BY_VILLAGE = 0b11101
const BY_DONOR = 0b11110

/** The key a donation is grouped by per activity ('' without one) and per donor (its org, or its name). */
export const activityKey = (activityId: string | null) => activityId ?? ''
export const donorKey = (donorOrgId: string | null, donorName: string) => donorOrgId ?? `name:${donorName}`

export const drawSums = async (ctx: ServiceContext, donationIds: string[]): Promise<DrawSums> => {
  const sums: DrawSums = {
    lines: [],
    byDonation: new Map(),
    byActivity: new Map(),
    byVillage: new Map(),
    byDonor: new Map(),
    overall: { handoverCount: 0, recipientCount: 0 },
  }
  if (!donationIds.length) return sums
  const rows = await ctx.db.$queryRaw<SumRow[]>(Prisma.sql`
    SELECT GROUPING(p.donation, p.goods, p.activity, p.village, p.donor)::int AS g,
           p.donation::text AS donation, p.goods::text AS goods, p.activity, p.village, p.donor,
           SUM(p.quantity)::int AS quantity, SUM(p.fen)::bigint AS fen,
           COUNT(DISTINCT p.handover)::int AS handovers, COUNT(DISTINCT p.recipient)::int AS recipients
    FROM (
      SELECT dr."handoverId" AS handover, dr."donationId" AS donation, dr."donationGoodsId" AS goods,
             dr.quantity, dr."amountFen" AS fen,
             COALESCE(d."activityId"::text, '') AS activity, d."villageId"::text AS village,
             COALESCE(d."donorOrgId"::text, 'name:' || d."donorName") AS donor,
             COALESCE(h."householdId", h."cadreUserId") AS recipient
      FROM "HandoverDraw" dr
      JOIN "Handover" h ON h.id = dr."handoverId" AND h."voidedAt" IS NULL
      JOIN "Donation" d ON d.id = dr."donationId"
      WHERE dr."donationId" = ANY(${donationIds}::uuid[])
    ) p
    GROUP BY GROUPING SETS ((p.donation, p.goods), (p.donation), (p.activity), (p.village), (p.donor), ())`)
  for (const row of rows) {
    const counts = { handoverCount: row.handovers, recipientCount: row.recipients }
    if (row.g === BY_LINE && row.donation)
      sums.lines.push({
        donationId: row.donation,
        donationGoodsId: row.goods,
        quantity: row.quantity ?? 0,
        fen: toFen(row.fen),
      })
    else if (row.g === BY_DONATION && row.donation) sums.byDonation.set(row.donation, counts)
    else if (row.g === BY_ACTIVITY && row.activity !== null) sums.byActivity.set(row.activity, counts)
    else if (row.g === BY_VILLAGE && row.village) sums.byVillage.set(row.village, counts)
    else if (row.g === BY_DONOR && row.donor) sums.byDonor.set(row.donor, counts)
    else sums.overall = counts
  }
  return sums
}
