// WeChat's 隐私保护指引 flow (mini-program only): when a WeChat API that touches personal data
// is called before the person has agreed, WeChat asks us to show our notice, and waits for the
// answer. The notice page (package-auth/privacy) answers through `answerWeChatPrivacy`; its
// agree button has open-type="agreePrivacyAuthorization", so WeChat records the agreement too.
import Taro from '@tarojs/taro'
import { routes } from './routes'

type Resolve = (option: { event: 'agree' | 'disagree'; buttonId?: string }) => void

let pending: Resolve | null = null

export const AGREE_BUTTON_ID = 'agree-privacy'

export const listenForWeChatPrivacy = () => {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as Resolve
    void Taro.navigateTo({ url: routes.privacy })
  })
}

export const answerWeChatPrivacy = (isAgreed: boolean) => {
  pending?.(isAgreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
  pending = null
}
