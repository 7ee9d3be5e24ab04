import { z } from 'zod'

/**
 * Every open org, compact, for the org picker to search on the phone with no signal (org.roster).
 * `stamp`: the one the phone's copy was made with; while nothing has changed the answer carries no
 * rows.
 */
export const ZOrgRosterRequestSchema = z.object({ stamp: z.string().max(80).optional() }).default({})
export type TOrgRosterRequest = z.infer<typeof ZOrgRosterRequestSchema>
