// A short message at the bottom of the screen. Its own module: the tab pages use it, and must not
// pull in the form machinery (and zod) with it.
import Taro from '@tarojs/taro'

export const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
