import { ZListOrgsRequestSchema } from '../../../common/contracts/org/list-orgs'
import { listOrgs } from '../../services/orgs/list-orgs'
import { staffProcedure } from '../../trpc'

export const listOrgsRoute = staffProcedure
  .input(ZListOrgsRequestSchema)
  .query(({ ctx, input }) => listOrgs({ ctx, input }))
