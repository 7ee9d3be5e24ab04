import { createDonationBatch } from '../../services/donations/create-donation-batch'
import { secretaryProcedure } from '../../trpc'
import { ZCreateDonationBatchRequestSchema } from './create-donation-batch.types'

export const createDonationBatchRoute = secretaryProcedure
  .input(ZCreateDonationBatchRequestSchema)
  .mutation(({ ctx, input }) => createDonationBatch({ ctx, input }))
