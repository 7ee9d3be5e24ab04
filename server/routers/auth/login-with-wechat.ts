import { loginWithWeChat } from '../../services/auth/login'
import { publicProcedure } from '../../trpc'
import { ZLoginWithWeChatRequestSchema } from './login-with-wechat.types'

export const loginWithWeChatRoute = publicProcedure
  .input(ZLoginWithWeChatRequestSchema)
  .mutation(({ ctx, input }) => loginWithWeChat({ ctx, input }))
