// `--dry-run`: the counts a run would write, without a database. The tree and the households
// are exact; the history's counts are the expected values of the distributions the run draws from.

import {
  DONATIONS_PER_HOUSEHOLD,
  HISTORY_MONTHS,
  OFFICE_NEEDS_PER_HOUSEHOLD,
  type Scale,
  VISITS_PER_HOUSEHOLD,
  villageCount,
} from './scale'
import { CITY_BUREAUS, COUNTY_BUREAUS } from './vocabulary'

/** Means of the generator's draws (households.ts, visits.ts, donations.ts, needs.ts). */
const MEMBERS_PER_HOUSEHOLD = 3.35
const RISKS_PER_HOUSEHOLD = 1.7
const VISIT_NEED_SHARE = 0.08
const EVENTS_PER_NEED = 3.9

export const plannedCounts = (scale: Scale) => {
  const villages = villageCount(scale)
  const counties = scale.cities * scale.countiesPerCity
  const townships = counties * scale.townshipsPerCounty
  const organBranches = scale.cities * CITY_BUREAUS.length + counties * COUNTY_BUREAUS.length + townships
  const branches = organBranches + villages
  const committees = scale.cities * 2 + counties * 2 + townships
  const h = scale.households
  const visits = h * VISITS_PER_HOUSEHOLD + villages * 6
  const needs = h * (OFFICE_NEEDS_PER_HOUSEHOLD + VISITS_PER_HOUSEHOLD * VISIT_NEED_SHARE)
  const donations = h * DONATIONS_PER_HOUSEHOLD
  const activities = branches * HISTORY_MONTHS
  const round = (n: number) => Math.round(n)
  return {
    exact: {
      Org: committees + branches,
      Village: villages,
      Household: h,
      Activity: activities,
    },
    expected: {
      // A secretary and ≈18 members a branch, a 第一书记 a village, the admin.
      User: round(branches * 19.3 + villages + 1),
      HouseholdMember: round(h * MEMBERS_PER_HOUSEHOLD),
      HouseholdRisk: round(h * RISKS_PER_HOUSEHOLD),
      ActivityAbsence: round(activities * 1.0),
      Visit: round(visits),
      VisitGoods: round(h * VISITS_PER_HOUSEHOLD * 0.55 * 2),
      Donation: round(donations),
      DonationGoods: round(donations * 0.45 * 2.5),
      Need: round(needs),
      NeedEvent: round(needs * EVENTS_PER_NEED),
    },
  }
}
