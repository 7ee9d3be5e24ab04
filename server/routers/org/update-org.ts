import { ZUpdateOrgRequestSchema } from '../../../common/contracts/org/update-org'
import { updateOrg } from '../../services/orgs/update-org'
import { secretaryProcedure } from '../../trpc'

export const updateOrgRoute = secretaryProcedure
  .input(ZUpdateOrgRequestSchema)
  .mutation(({ ctx, input }) => updateOrg({ ctx, input }))
