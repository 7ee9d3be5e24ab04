import { ZListOrgTreeRequestSchema } from '../../../common/contracts/org/list-org-tree'
import { listOrgTree } from '../../services/orgs/list-org-tree'
import { secretaryProcedure } from '../../trpc'

export const listOrgTreeRoute = secretaryProcedure
  .input(ZListOrgTreeRequestSchema)
  .query(({ ctx, input }) => listOrgTree({ ctx, input }))
