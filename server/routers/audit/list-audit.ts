import { ZListAuditRequestSchema } from '../../../common/contracts/audit/list-audit'
import { listAudit } from '../../services/audit/list-audit'
import { adminProcedure } from '../../trpc'

export const listAuditRoute = adminProcedure
  .input(ZListAuditRequestSchema)
  .query(({ ctx, input }) => listAudit({ ctx, input }))
