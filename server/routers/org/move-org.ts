import { ZMoveOrgRequestSchema } from '../../../common/contracts/org/move-org'
import { moveOrg } from '../../services/orgs/move-org'
import { secretaryProcedure } from '../../trpc'

export const moveOrgRoute = secretaryProcedure
  .input(ZMoveOrgRequestSchema)
  .mutation(({ ctx, input }) => moveOrg({ ctx, input }))
