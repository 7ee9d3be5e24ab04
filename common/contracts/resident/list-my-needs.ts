import { ZPage } from '../fields'

export const ZListMyNeedsRequestSchema = ZPage.prefault({})
