import { getMyHousehold } from '../../services/residents/my-household'
import { residentProcedure } from '../../trpc'

export const getMyHouseholdRoute = residentProcedure.query(({ ctx }) => getMyHousehold({ ctx }))
