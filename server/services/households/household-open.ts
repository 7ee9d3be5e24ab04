// A household anonymised under the retention rules (docs/retention.md) takes no new records:
// a visit's findings, a need's text or a note would bring back what was erased.
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'

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

/**
 * The household a new record is about (a visit, a handover): in the caller's scope and open to new
 * records; its village is the record's.
 */
export const householdForNewRecord = async (ctx: ServiceContext, householdId: string | null | undefined) => {
  const household = await ctx.db.household.findFirst({
    where: { id: householdId ?? '', ...householdScope(ctx.actor) },
    select: { id: true, villageId: true },
  })
  if (!household) throw new AppError('NOT_FOUND', { message: '没有找到这户困难群众，或不在您的联系范围内' })
  await assertRecordsOpen(ctx.db, household.id)
  return household
}
