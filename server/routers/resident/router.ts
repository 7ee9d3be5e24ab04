import { router } from '../../trpc'
import { bindHouseholdRoute } from './bind-household'
import { getMyHouseholdRoute } from './get-my-household'
import { getMyNeedRoute } from './get-my-need'
import { listMyNeedsRoute } from './list-my-needs'
import { submitNeedRoute } from './submit-need'

export const residentRouter = router({
  bindHousehold: bindHouseholdRoute,
  submitNeed: submitNeedRoute,
  myNeeds: listMyNeedsRoute,
  myNeedById: getMyNeedRoute,
  myHousehold: getMyHouseholdRoute,
})
