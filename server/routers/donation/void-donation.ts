import { voidDonation } from '../../services/donations/void-donation'
import { secretaryProcedure } from '../../trpc'
import { ZVoidDonationRequestSchema } from './void-donation.types'

export const voidDonationRoute = secretaryProcedure
  .input(ZVoidDonationRequestSchema)
  .mutation(({ ctx, input }) => voidDonation({ ctx, input }))
