// Taro schedules a page's setData a tick after React commits (TaroRootElement.performUpdate), with
// the page instance taken before the wait. A page closed in that tick (a reLaunch after a save, a
// sign-out right after opening) is then sent an update WeChat can only drop with a warning. This
// keeps a closed page's updates back: Taro announces each page it destroys on its window
// (CONTEXT_ACTIONS.DESTROY, before unmounting it), and the `proxyToRaw` hook, through which Taro
// hands over the page instance for that setData, gives a stand-in that asks first.
import { CONTEXT_ACTIONS, hooks, window as taroWindow } from '@tarojs/runtime'

type PageInstance = { $taroPath?: string; setData: (data: object, callback?: () => void) => void }

const closedPages = new Set<string>()

export const dropUpdatesToClosedPages = () => {
  taroWindow.on(CONTEXT_ACTIONS.DESTROY, (path: string) => closedPages.add(path))
  hooks.tap('proxyToRaw', (instance: PageInstance) => {
    const path = instance?.$taroPath
    if (typeof path !== 'string') return instance
    return {
      setData: (data: object, callback?: () => void) => {
        if (!closedPages.has(path)) instance.setData(data, callback)
      },
    }
  })
}
