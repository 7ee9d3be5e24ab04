// A list's org filter is chosen on a page of its own (package-activity/org-filter), so that the org
// picker stays out of the mini-program's main package, where the 主题党日 list's tab lives. Each
// list names what it filters (`purpose`), which decides the orgs offered: the 主题党日 list, the orgs
// that hold 主题党日; 人员与账号, the orgs whose people the person manages. The page hands the choice
// back through Taro's event centre, on weapp and H5 alike.
import Taro from '@tarojs/taro'

export type ChosenOrg = { id: string; name: string }

export type OrgFilterPurpose = 'activities' | 'people'

const eventOf = (purpose: OrgFilterPurpose) => `org-filter:${purpose}`

export const handBackOrgFilter = (purpose: OrgFilterPurpose, org: ChosenOrg) =>
  Taro.eventCenter.trigger(eventOf(purpose), org)

/** Listens for the choice; returns the stop. */
export const onOrgFilterChosen = (purpose: OrgFilterPurpose, listener: (org: ChosenOrg) => void): (() => void) => {
  Taro.eventCenter.on(eventOf(purpose), listener)
  return () => Taro.eventCenter.off(eventOf(purpose), listener)
}
