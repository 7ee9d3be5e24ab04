import { ZListVillageDirectoryRequestSchema } from '../../../common/contracts/village/list-village-directory'
import { listVillageDirectory } from '../../services/villages/list-village-directory'
import { adminProcedure } from '../../trpc'

export const listVillageDirectoryRoute = adminProcedure
  .input(ZListVillageDirectoryRequestSchema)
  .query(({ ctx, input }) => listVillageDirectory({ ctx, input }))
