import { z } from 'zod'
import { ORG_KINDS } from '../../enums'
import { nameText } from '../fields'

export const ZListOrgsRequestSchema = z
  .object({
    kinds: z.array(z.enum(ORG_KINDS)).optional(),
    search: nameText().max(30).optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .default({ limit: 200 })
export type TListOrgsRequest = z.infer<typeof ZListOrgsRequestSchema>
