import { createDonation } from '../../services/donations/create-donation'
import { secretaryProcedure } from '../../trpc'
import { ZCreateDonationRequestSchema } from './create-donation.types'

export const createDonationRoute = secretaryProcedure
  .meta({ writesInOneStatement: true })
  .input(ZCreateDonationRequestSchema)
  .mutation(({ ctx, input }) => createDonation({ ctx, input, retryKey: ctx.retryKey }))
