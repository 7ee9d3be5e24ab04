import { z } from 'zod'
import { whenMissing } from '../fields'

export const ZListVillagePeopleRequestSchema = z.object({ villageId: z.uuid(whenMissing('请选择村')) })
export type TListVillagePeopleRequest = z.infer<typeof ZListVillagePeopleRequestSchema>
