// The 工作台 tab's badge: how many 待办 the person has. WeChat draws it on its native tab bar; Taro's
// H5 tab bar draws the same badge.
import Taro from '@tarojs/taro'
import type { TTodoTarget } from '../../common/contracts/todo/list-todos'
import { routes } from './routes'

const HOME_TAB_INDEX = 0

export const showTodoBadge = (count: number): void => {
  try {
    const done = count
      ? Taro.setTabBarBadge({ index: HOME_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
      : Taro.removeTabBarBadge({ index: HOME_TAB_INDEX })
    // Off a tab page (or before the tab bar exists) WeChat refuses; the next change tries again.
    ;(done as Promise<unknown> | undefined)?.catch?.(() => undefined)
  } catch {
    // Not every platform has a native tab bar badge.
  }
}

/** The page a 待办 item opens. */
export const todoUrl = (target: TTodoTarget): string => {
  switch (target.page) {
    case 'needDetail':
      return routes.needDetail(target.id)
    case 'myNeedDetail':
      return routes.myNeedDetail(target.id)
    case 'householdDetail':
      return routes.householdDetail(target.id)
    case 'activityDetail':
      return routes.activityDetail(target.id)
    case 'activityForm':
      return routes.activityForm()
    case 'auditLog':
      return routes.auditLog
    case 'admin':
      return routes.admin
    case 'myReceipts':
      return routes.myReceipts
  }
}
