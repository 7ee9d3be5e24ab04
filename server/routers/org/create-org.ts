import { ZCreateOrgRequestSchema } from '../../../common/contracts/org/create-org'
import { createOrg } from '../../services/orgs/create-org'
import { secretaryProcedure } from '../../trpc'

export const createOrgRoute = secretaryProcedure
  .input(ZCreateOrgRequestSchema)
  .mutation(({ ctx, input }) => createOrg({ ctx, input }))
