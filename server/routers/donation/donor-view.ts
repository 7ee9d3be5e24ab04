import { ZDonorViewRequestSchema } from '../../../common/contracts/donation/donor-view'
import { donorView } from '../../services/donations/donor-view'
import { secretaryProcedure } from '../../trpc'

/** The donor org's secretaries (and administrators); the service refuses every other org's. */
export const donorViewRoute = secretaryProcedure
  .input(ZDonorViewRequestSchema)
  .query(({ ctx, input }) => donorView({ ctx, input }))
