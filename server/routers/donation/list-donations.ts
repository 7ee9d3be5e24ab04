import { ZListDonationsRequestSchema } from '../../../common/contracts/donation/list-donations'
import { listDonations } from '../../services/donations/list-donations'
import { staffProcedure } from '../../trpc'

export const listDonationsRoute = staffProcedure
  .input(ZListDonationsRequestSchema)
  .query(({ ctx, input }) => listDonations({ ctx, input }))
