import {
  ZDonationReconciliationRequestSchema,
  ZReconciliationGroupsRequestSchema,
} from '../../../common/contracts/donation/donation-reconciliation'
import { donationReconciliation, reconciliationGroups } from '../../services/donations/donation-reconciliation'
import { staffProcedure } from '../../trpc'

export const donationReconciliationRoute = staffProcedure
  .input(ZDonationReconciliationRequestSchema)
  .query(({ ctx, input }) => donationReconciliation({ ctx, input }))

export const reconciliationGroupsRoute = staffProcedure
  .input(ZReconciliationGroupsRequestSchema)
  .query(({ ctx, input }) => reconciliationGroups({ ctx, input }))
