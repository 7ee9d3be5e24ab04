import { ZCreateDonationBatchRequestSchema } from '../../../common/contracts/donation/create-donation-batch'
import { createDonationBatch } from '../../services/donations/create-donation-batch'
import { secretaryProcedure } from '../../trpc'

export const createDonationBatchRoute = secretaryProcedure
  .input(ZCreateDonationBatchRequestSchema)
  .mutation(({ ctx, input }) => createDonationBatch({ ctx, input }))
