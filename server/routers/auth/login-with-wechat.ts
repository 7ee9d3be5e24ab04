import { ZLoginWithWeChatRequestSchema } from '../../../common/contracts/auth/login-with-wechat'
import { loginWithWeChat } from '../../services/auth/login'
import { publicProcedure } from '../../trpc'

export const loginWithWeChatRoute = publicProcedure
  .input(ZLoginWithWeChatRequestSchema)
  .mutation(({ ctx, input }) => loginWithWeChat({ ctx, input }))
