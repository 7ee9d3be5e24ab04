import { listVillagePeople } from '../../services/villages/list-villages'
import { staffProcedure } from '../../trpc'
import { ZListVillagePeopleRequestSchema } from './list-village-people.types'

export const listVillagePeopleRoute = staffProcedure
  .input(ZListVillagePeopleRequestSchema)
  .query(({ ctx, input }) => listVillagePeople({ ctx, villageId: input.villageId }))
