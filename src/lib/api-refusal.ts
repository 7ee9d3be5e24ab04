// Where an API refusal sends the person, from any page: an expired or revoked session back to 登录;
// a one-time password (reset while they were signed in) to 修改密码; a privacy notice that changed
// while they were signed in, to read the new one. Several requests are often refused at the same
// moment (the launch sends three), so each page is opened once (relaunch.ts).
import Taro from '@tarojs/taro'
import { appCodeOf, isUnauthorized } from './errors'
import { reLaunchOnce } from './relaunch'
import { routes } from './routes'
import { clearSession } from './session'

const currentRoute = () => {
  const pages = Taro.getCurrentPages()
  return pages[pages.length - 1]?.route ?? ''
}

export const followApiRefusal = (error: unknown): void => {
  if (appCodeOf(error) === 'PASSWORD_CHANGE_REQUIRED') {
    if (!currentRoute().includes('change-password')) reLaunchOnce(routes.changePassword)
    return
  }
  if (appCodeOf(error) === 'PRIVACY_CONSENT_REQUIRED') {
    if (!currentRoute().includes('privacy')) reLaunchOnce(routes.privacy)
    return
  }
  if (!isUnauthorized(error)) return
  clearSession()
  if (!currentRoute().includes('login')) reLaunchOnce(routes.login)
}
