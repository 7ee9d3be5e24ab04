import { ZVoidDonationRequestSchema } from '../../../common/contracts/donation/void-donation'
import { voidDonation } from '../../services/donations/void-donation'
import { secretaryProcedure } from '../../trpc'

export const voidDonationRoute = secretaryProcedure
  .input(ZVoidDonationRequestSchema)
  .mutation(({ ctx, input }) => voidDonation({ ctx, input }))
