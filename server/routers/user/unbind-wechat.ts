import { ZUserRequestSchema } from '../../../common/contracts/user/user-action'
import { unbindWechat } from '../../services/users/unbind-wechat'
import { secretaryProcedure } from '../../trpc'

export const unbindWechatRoute = secretaryProcedure
  .input(ZUserRequestSchema)
  .mutation(({ ctx, input }) => unbindWechat({ ctx, input }))
