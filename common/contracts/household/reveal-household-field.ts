import { z } from 'zod'

export const ZRevealHouseholdFieldRequestSchema = z.object({
  id: z.uuid(),
  field: z.enum(['idNumber', 'phone', 'memberIdNumber']),
  /** For memberIdNumber. */
  memberId: z.uuid().optional(),
  /** Why the plaintext is needed; kept in the audit log. */
  reason: z.string().trim().min(2, '请说明查看原因').max(100, '原因不能超过 100 个字'),
})
export type TRevealHouseholdFieldRequest = z.infer<typeof ZRevealHouseholdFieldRequestSchema>
