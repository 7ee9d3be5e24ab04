// 长辈模式: large text and large tap targets. On by the person's own choice on 我的, or, until
// they choose, when WeChat's own font setting is larger than standard.
import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import { systemWantsLargeText } from './system-font'

const PREFERENCE_KEY = 'pdrl.elderMode'

const listeners = new Set<() => void>()

const readPreference = (): boolean | null => {
  try {
    const value = Taro.getStorageSync<'on' | 'off' | ''>(PREFERENCE_KEY)
    return value === 'on' ? true : value === 'off' ? false : null
  } catch {
    return null
  }
}

let current = readPreference() ?? systemWantsLargeText()

/** On H5 the tab bar sits outside every page: the document carries the mode for it too. */
const markDocument = () => {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elder-mode', current)
}
markDocument()

export const isElderMode = (): boolean => current

export const setElderMode = (enabled: boolean): void => {
  Taro.setStorageSync(PREFERENCE_KEY, enabled ? 'on' : 'off')
  current = enabled
  markDocument()
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const useElderMode = (): boolean => useSyncExternalStore(subscribe, isElderMode, isElderMode)
