import type { z } from 'zod'
import { ZEndWithReason } from '../fields'

export const ZVoidHandoverRequestSchema = ZEndWithReason('作废')
export type TVoidHandoverRequest = z.infer<typeof ZVoidHandoverRequestSchema>
