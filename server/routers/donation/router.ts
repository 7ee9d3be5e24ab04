import { router } from '../../trpc'
import { createDonationRoute } from './create-donation'
import { createDonationBatchRoute } from './create-donation-batch'
import { donationReconciliationRoute, reconciliationGroupsRoute } from './donation-reconciliation'
import { donorViewRoute } from './donor-view'
import { getDonationRoute } from './get-donation'
import { listDonationsRoute } from './list-donations'
import { updateDonationRoute } from './update-donation'
import { voidDonationRoute } from './void-donation'

export const donationRouter = router({
  list: listDonationsRoute,
  byId: getDonationRoute,
  create: createDonationRoute,
  createBatch: createDonationBatchRoute,
  update: updateDonationRoute,
  void: voidDonationRoute,
  reconciliation: donationReconciliationRoute,
  reconciliationGroups: reconciliationGroupsRoute,
  donorView: donorViewRoute,
})
