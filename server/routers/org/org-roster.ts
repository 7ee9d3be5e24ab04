import { ZOrgRosterRequestSchema } from '../../../common/contracts/org/org-roster'
import { orgRoster } from '../../services/orgs/org-roster'
import { staffProcedure } from '../../trpc'

export const orgRosterRoute = staffProcedure
  .input(ZOrgRosterRequestSchema)
  .query(({ ctx, input }) => orgRoster({ ctx, input }))
