import { ZUpdateVillageRequestSchema } from '../../../common/contracts/village/update-village'
import { updateVillage } from '../../services/villages/update-village'
import { adminProcedure } from '../../trpc'

export const updateVillageRoute = adminProcedure
  .input(ZUpdateVillageRequestSchema)
  .mutation(({ ctx, input }) => updateVillage({ ctx, input }))
