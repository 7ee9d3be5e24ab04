// A household anonymised under the retention rules (docs/retention.md) takes no new records:
// a visit's findings, a need's text or a note would bring back what was erased.
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'

export const assertHouseholdOpen = (household: { anonymisedAt: Date | null }) => {
  if (household.anonymisedAt) throw new AppError('HOUSEHOLD_ANONYMISED')
}

/**
 * The same check for a record about a household (a visit, a need, a donation), if it has one.
 * The row is read FOR SHARE, so an anonymisation running at the same moment waits for this
 * transaction, and this one cannot commit text into a household that was just anonymised.
 */
export const assertRecordsOpen = async (db: Tx, householdId: string | null) => {
  if (!householdId) return
  const [household] = await db.$queryRaw<{ anonymisedAt: Date | null }[]>`
    SELECT "anonymisedAt" FROM "Household" WHERE "id" = ${householdId}::uuid FOR SHARE`
  if (household) assertHouseholdOpen(household)
}
