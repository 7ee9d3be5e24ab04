// The money and visit figures a summary recounts from the base tables (totals.ts): in all, and by
// donor, month, village and activity. summary-recount.ts counts a whole summary this way;
// summary.ts the rows beyond the rollups' reach.
import { runAll, type Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import type { VillageRow } from './summary-rollups'
import {
  donationTotalsBy,
  donationTotalsByDonor,
  donationTotalsByMonth,
  emptyTotals,
  emptyVisitTotals,
  type MoneyTotals,
  sumDonations,
  sumVisits,
  type VisitTotals,
  visitTotalsBy,
} from './totals'

/** Money and visits keyed by village or activity, and every id either has. */
export type ByKey = { money: Map<string, MoneyTotals>; visits: Map<string, VisitTotals>; ids: string[] }

const byKey = (money: Map<string, MoneyTotals>, visits: Map<string, VisitTotals>): ByKey => ({
  money,
  visits,
  ids: [...new Set([...money.keys(), ...visits.keys()])],
})

export const moneyAndVisits = async (
  db: Tx,
  donationWhere: Prisma.DonationWhereInput,
  visitWhere: Prisma.VisitWhereInput,
) => {
  const [money, visits, byDonor, byMonth, moneyByVillage, visitsByVillage, moneyByActivity, visitsByActivity] =
    await runAll(db, [
      () => sumDonations(db, donationWhere),
      () => sumVisits(db, visitWhere),
      () => donationTotalsByDonor(db, donationWhere),
      () => donationTotalsByMonth(db, donationWhere),
      () => donationTotalsBy(db, donationWhere, 'villageId'),
      () => visitTotalsBy(db, visitWhere, 'villageId'),
      () => donationTotalsBy(db, donationWhere, 'activityId'),
      () => visitTotalsBy(db, visitWhere, 'activityId'),
    ])
  return {
    money,
    visits,
    byDonor,
    byMonth,
    byVillage: byKey(moneyByVillage, visitsByVillage),
    byActivity: byKey(moneyByActivity, visitsByActivity),
  }
}

/** Each village's figures, with its name. */
export const namedVillageRows = async (db: Tx, byVillage: ByKey): Promise<VillageRow[]> => {
  const villages = await db.village.findMany({ where: { id: { in: byVillage.ids } }, select: { id: true, name: true } })
  return villages.map((v) => ({
    villageId: v.id,
    name: v.name,
    ...(byVillage.money.get(v.id) ?? emptyTotals()),
    ...(byVillage.visits.get(v.id) ?? emptyVisitTotals()),
  }))
}
