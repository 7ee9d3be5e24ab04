import { z } from 'zod'

export const ZListVillagePeopleRequestSchema = z.object({ villageId: z.uuid('请选择村') })
export type TListVillagePeopleRequest = z.infer<typeof ZListVillagePeopleRequestSchema>
