import { router } from '../../trpc'
import { createHouseholdRoute } from './create-household'
import { getHouseholdRoute } from './get-household'
import { listDataChecksRoute } from './list-data-checks'
import { listHouseholdsRoute } from './list-households'
import { revealHouseholdFieldRoute } from './reveal-household-field'
import { updateHouseholdRoute } from './update-household'

export const householdRouter = router({
  list: listHouseholdsRoute,
  byId: getHouseholdRoute,
  create: createHouseholdRoute,
  update: updateHouseholdRoute,
  reveal: revealHouseholdFieldRoute,
  dataChecks: listDataChecksRoute,
})
