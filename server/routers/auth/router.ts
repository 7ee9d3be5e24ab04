import { router } from '../../trpc'
import { agreePrivacyRoute } from './agree-privacy'
import { changePasswordRoute } from './change-password'
import { loginWithPasswordRoute } from './login-with-password'
import { loginWithWeChatRoute } from './login-with-wechat'
import { logoutRoute } from './logout'
import { meRoute } from './me'

export const authRouter = router({
  loginWithPassword: loginWithPasswordRoute,
  loginWithWeChat: loginWithWeChatRoute,
  me: meRoute,
  logout: logoutRoute,
  changePassword: changePasswordRoute,
  agreePrivacy: agreePrivacyRoute,
})
