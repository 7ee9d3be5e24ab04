import { router } from '../../trpc'
import { createHouseholdRoute } from './create-household'
import { getHouseholdRoute } from './get-household'
import { householdRosterRoute } from './household-roster'
import { listDataChecksRoute } from './list-data-checks'
import { listHouseholdsRoute } from './list-households'
import { revealHouseholdFieldRoute } from './reveal-household-field'
import { searchHouseholdsRoute } from './search-households'
import { updateHouseholdRoute } from './update-household'

export const householdRouter = router({
  list: listHouseholdsRoute,
  search: searchHouseholdsRoute,
  roster: householdRosterRoute,
  byId: getHouseholdRoute,
  create: createHouseholdRoute,
  update: updateHouseholdRoute,
  reveal: revealHouseholdFieldRoute,
  dataChecks: listDataChecksRoute,
})
