import { ZCreateVillageRequestSchema } from '../../../common/contracts/village/create-village'
import { createVillage } from '../../services/villages/create-village'
import { adminProcedure } from '../../trpc'

export const createVillageRoute = adminProcedure
  .input(ZCreateVillageRequestSchema)
  .mutation(({ ctx, input }) => createVillage({ ctx, input }))
