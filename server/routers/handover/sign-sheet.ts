import { ZSignSheetRequestSchema } from '../../../common/contracts/handover/sign-sheet'
import { getSignSheet } from '../../services/handovers/sign-sheet'
import { staffProcedure } from '../../trpc'

/** As handover.list: staff, each in their handoverScope. */
export const signSheetRoute = staffProcedure
  .input(ZSignSheetRequestSchema)
  .query(({ ctx, input }) => getSignSheet({ ctx, input }))
