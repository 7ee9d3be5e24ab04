// The 主题党日 list's org filter is chosen on a page of its own (package-activity/org-filter), so
// that the org picker stays out of the mini-program's main package, where the list's tab lives.
// The page hands the choice back through Taro's event centre, on weapp and H5 alike.
import Taro from '@tarojs/taro'

export type ChosenOrg = { id: string; name: string }

const EVENT = 'activity-list:org-filter'

export const handBackOrgFilter = (org: ChosenOrg) => Taro.eventCenter.trigger(EVENT, org)

/** Listens for the choice; returns the stop. */
export const onOrgFilterChosen = (listener: (org: ChosenOrg) => void): (() => void) => {
  Taro.eventCenter.on(EVENT, listener)
  return () => Taro.eventCenter.off(EVENT, listener)
}
