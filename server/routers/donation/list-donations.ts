import { listDonations } from '../../services/donations/list-donations'
import { staffProcedure } from '../../trpc'
import { ZListDonationsRequestSchema } from './list-donations.types'

export const listDonationsRoute = staffProcedure
  .input(ZListDonationsRequestSchema)
  .query(({ ctx, input }) => listDonations({ ctx, input }))
