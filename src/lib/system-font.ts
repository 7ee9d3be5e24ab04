// Whether WeChat's own font setting is larger than standard (设置 → 通用 → 字体大小).
import Taro from '@tarojs/taro'

/** WeChat reports its font setting in px; 17 is the standard size. */
const STANDARD_FONT_SIZE = 17

export const systemWantsLargeText = (): boolean => {
  try {
    // getAppBaseInfo, not the deprecated getSystemInfoSync (WeChat warns at every call of it);
    // fontSizeSetting is there from base library 2.23.4, and Taro's type leaves it out.
    const { fontSizeSetting } = Taro.getAppBaseInfo() as { fontSizeSetting?: number }
    return typeof fontSizeSetting === 'number' && fontSizeSetting > STANDARD_FONT_SIZE
  } catch {
    return false
  }
}
