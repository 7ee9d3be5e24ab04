// The page the mini-program was opened on ('pages/home/index'), or '' when WeChat does not say.
import Taro from '@tarojs/taro'

export const launchPath = (): string => {
  try {
    return Taro.getLaunchOptionsSync().path ?? ''
  } catch {
    return ''
  }
}
