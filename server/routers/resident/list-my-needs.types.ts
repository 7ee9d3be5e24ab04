import { ZPage } from '../../../common/fields'

export const ZListMyNeedsRequestSchema = ZPage.prefault({})
