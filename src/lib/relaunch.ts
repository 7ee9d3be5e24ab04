// Taro.reLaunch to a page a person must see first (修改密码, the privacy notice), once: the API's
// refusal (app.tsx) and the page's own guard (use-me.ts) may both send them there at the same
// moment, and a second reLaunch while the first is under way would open the page anew, emptying
// what they had begun to type.
import Taro from '@tarojs/taro'

let pending: string | null = null

export const reLaunchOnce = (url: string): void => {
  if (pending === url) return
  pending = url
  Taro.reLaunch({ url })
    .catch(() => {})
    .finally(() => {
      pending = null
    })
}
