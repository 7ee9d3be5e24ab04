// A household anonymised under the retention rules (docs/retention.md) takes no new records:
// a visit's findings, a need's text or a note would bring back what was erased.
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'

export const assertHouseholdOpen = (household: { anonymisedAt: Date | null }) => {
  if (household.anonymisedAt) throw new AppError('HOUSEHOLD_ANONYMISED')
}

/** The same check for a record that points at a household (a visit, a need), if it does. */
export const assertRecordsOpen = async (db: Tx, householdId: string | null) => {
  if (!householdId) return
  const household = await db.household.findUnique({ where: { id: householdId }, select: { anonymisedAt: true } })
  if (household) assertHouseholdOpen(household)
}
