import { updateDonation } from '../../services/donations/update-donation'
import { secretaryProcedure } from '../../trpc'
import { ZUpdateDonationRequestSchema } from './update-donation.types'

export const updateDonationRoute = secretaryProcedure
  .input(ZUpdateDonationRequestSchema)
  .mutation(({ ctx, input }) => updateDonation({ ctx, input }))
