import { ZPage } from '../../../common/pagination'

export const ZListMyNeedsRequestSchema = ZPage.prefault({})
