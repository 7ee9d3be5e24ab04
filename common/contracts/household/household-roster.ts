import { z } from 'zod'
import { whenMissing } from '../fields'

/**
 * Every household of one village that can take new records, in a compact form, for the picker to
 * search with no signal (household.roster). `stamp`: the one the phone's copy was made with; while
 * nothing has changed the answer carries no rows.
 */
export const ZHouseholdRosterRequestSchema = z.object({
  villageId: z.uuid(whenMissing('请选择村')),
  stamp: z.string().max(80).optional(),
})
export type THouseholdRosterRequest = z.infer<typeof ZHouseholdRosterRequestSchema>
