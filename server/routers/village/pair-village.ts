import { ZPairVillageRequestSchema } from '../../../common/contracts/village/pair-village'
import { pairVillage } from '../../services/villages/pair-village'
import { adminProcedure } from '../../trpc'

export const pairVillageRoute = adminProcedure
  .input(ZPairVillageRequestSchema)
  .mutation(({ ctx, input }) => pairVillage({ ctx, input }))
