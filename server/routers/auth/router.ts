import { router } from '../../trpc'
import { loginWithPasswordRoute } from './login-with-password'
import { loginWithWeChatRoute } from './login-with-wechat'
import { logoutRoute } from './logout'
import { meRoute } from './me'

export const authRouter = router({
  loginWithPassword: loginWithPasswordRoute,
  loginWithWeChat: loginWithWeChatRoute,
  me: meRoute,
  logout: logoutRoute,
})
