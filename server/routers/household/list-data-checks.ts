import { ZListDataChecksRequestSchema } from '../../../common/contracts/household/list-data-checks'
import { listDataChecks } from '../../services/households/data-checks'
import { staffProcedure } from '../../trpc'

/** 疑点 across the caller's scope, as household.list sees it. */
export const listDataChecksRoute = staffProcedure
  .input(ZListDataChecksRequestSchema)
  .query(({ ctx, input }) => listDataChecks({ ctx, input }))
