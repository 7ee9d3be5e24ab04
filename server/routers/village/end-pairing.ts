import { ZEndPairingRequestSchema } from '../../../common/contracts/village/end-pairing'
import { endPairing } from '../../services/villages/end-pairing'
import { adminProcedure } from '../../trpc'

export const endPairingRoute = adminProcedure
  .input(ZEndPairingRequestSchema)
  .mutation(({ ctx, input }) => endPairing({ ctx, input }))
