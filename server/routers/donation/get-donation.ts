import { ZById } from '../../../common/contracts/fields'
import { getDonation } from '../../services/donations/get-donation'
import { staffProcedure } from '../../trpc'

export const getDonationRoute = staffProcedure
  .input(ZById)
  .query(({ ctx, input }) => getDonation({ ctx, id: input.id }))
