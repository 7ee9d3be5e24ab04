import { ZCloseOrgRequestSchema } from '../../../common/contracts/org/close-org'
import { closeOrg } from '../../services/orgs/close-org'
import { secretaryProcedure } from '../../trpc'

export const closeOrgRoute = secretaryProcedure
  .input(ZCloseOrgRequestSchema)
  .mutation(({ ctx, input }) => closeOrg({ ctx, input }))
