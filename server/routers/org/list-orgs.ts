import { listOrgs } from '../../services/orgs/list-orgs'
import { staffProcedure } from '../../trpc'
import { ZListOrgsRequestSchema } from './list-orgs.types'

export const listOrgsRoute = staffProcedure
  .input(ZListOrgsRequestSchema)
  .query(({ ctx, input }) => listOrgs({ ctx, input }))
