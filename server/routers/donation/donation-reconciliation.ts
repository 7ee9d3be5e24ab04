import { ZDonationReconciliationRequestSchema } from '../../../common/contracts/donation/donation-reconciliation'
import { donationReconciliation } from '../../services/donations/donation-reconciliation'
import { staffProcedure } from '../../trpc'

export const donationReconciliationRoute = staffProcedure
  .input(ZDonationReconciliationRequestSchema)
  .query(({ ctx, input }) => donationReconciliation({ ctx, input }))
