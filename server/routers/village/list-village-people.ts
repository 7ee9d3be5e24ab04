import { ZListVillagePeopleRequestSchema } from '../../../common/contracts/village/list-village-people'
import { listVillagePeople } from '../../services/villages/list-villages'
import { staffProcedure } from '../../trpc'

export const listVillagePeopleRoute = staffProcedure
  .input(ZListVillagePeopleRequestSchema)
  .query(({ ctx, input }) => listVillagePeople({ ctx, villageId: input.villageId }))
