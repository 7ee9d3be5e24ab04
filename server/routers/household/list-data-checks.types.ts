import { z } from 'zod'

export const ZListDataChecksRequestSchema = z.object({
  /** Only this village's households; all in scope when omitted. */
  villageId: z.uuid('村编号格式不正确').optional(),
})
export type TListDataChecksRequest = z.infer<typeof ZListDataChecksRequestSchema>
