import { ZCreateDonationRequestSchema } from '../../../common/contracts/donation/create-donation'
import { createDonation } from '../../services/donations/create-donation'
import { secretaryProcedure } from '../../trpc'

export const createDonationRoute = secretaryProcedure
  .meta({ writesInOneStatement: true })
  .input(ZCreateDonationRequestSchema)
  .mutation(({ ctx, input }) => createDonation({ ctx, input, retryKey: ctx.retryKey }))
