import { loginWithWeChat } from '../../services/auth/login'
import { publicProcedure } from '../../trpc'
import { ZLoginWithWeChatRequestSchema } from './login-with-wechat.types'

export const loginWithWeChatRoute = publicProcedure.input(ZLoginWithWeChatRequestSchema).mutation(({ ctx, input }) =>
  loginWithWeChat(ctx.db, {
    code: input.code,
    wechat: ctx.wechat,
    log: ctx.log,
    ttlMs: ctx.sessionTtlMs,
    userAgent: ctx.userAgent,
  }),
)
