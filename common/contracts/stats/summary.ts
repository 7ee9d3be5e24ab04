import { z } from 'zod'
import { ZDateOnly } from '../fields'

export const ZStatsSummaryRequestSchema = z
  .object({
    villageId: z.uuid().optional(),
    activityId: z.uuid().optional(),
    from: ZDateOnly.optional(),
    to: ZDateOnly.optional(),
    /** How many rows each breakdown keeps, largest first. */
    top: z.number().int().min(1).max(200).default(50),
  })
  .default({ top: 50 })
export type TStatsSummaryRequest = z.infer<typeof ZStatsSummaryRequestSchema>
