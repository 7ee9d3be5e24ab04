import type { z } from 'zod'
import { ZEndWithReason } from '../fields'

/** 撤销: the org keeps its history; its roles and pairings end on the day it closes. */
export const ZCloseOrgRequestSchema = ZEndWithReason('撤销')
export type TCloseOrgRequest = z.infer<typeof ZCloseOrgRequestSchema>
