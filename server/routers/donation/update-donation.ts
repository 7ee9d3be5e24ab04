import { ZUpdateDonationRequestSchema } from '../../../common/contracts/donation/update-donation'
import { updateDonation } from '../../services/donations/update-donation'
import { secretaryProcedure } from '../../trpc'

export const updateDonationRoute = secretaryProcedure
  .input(ZUpdateDonationRequestSchema)
  .mutation(({ ctx, input }) => updateDonation({ ctx, input }))
