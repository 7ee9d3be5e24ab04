// The role a person's screens are arranged for, and what their tab bar holds. WeChat's native tab
// bar has fixed pages, so its middle two tabs show a role's own lists (setTabBarItem relabels).
import type { Role } from '../../common/enums'

export type Persona = Role | 'GUEST'

const PRIORITY: Role[] = ['ADMIN', 'SECRETARY', 'CADRE', 'MEMBER', 'RESIDENT']

/** The role to arrange the app for when a person has several; GUEST: WeChat user not yet bound. */
export const personaOf = (roles: readonly Role[]): Persona => PRIORITY.find((role) => roles.includes(role)) ?? 'GUEST'

export type TabView = 'activities' | 'households' | 'needs' | 'ledger' | 'myNeeds' | 'myHousehold'

export const TAB_VIEW_TITLES: Record<TabView, string> = {
  activities: '主题党日',
  households: '困难户',
  needs: '诉求',
  ledger: '捐赠台账',
  myNeeds: '我的诉求',
  myHousehold: '我的家庭',
}

/** Tab 2 and tab 3 of the tab bar, per persona. */
export const TAB_VIEWS: Record<Persona, [TabView, TabView]> = {
  ADMIN: ['activities', 'ledger'],
  SECRETARY: ['activities', 'ledger'],
  CADRE: ['households', 'needs'],
  MEMBER: ['activities', 'households'],
  RESIDENT: ['myNeeds', 'myHousehold'],
  GUEST: ['myNeeds', 'myHousehold'],
}

export const isStaff = (persona: Persona): boolean => persona !== 'RESIDENT' && persona !== 'GUEST'

/**
 * What 管理 offers a person, as the server grants it: administrators everything; a 支部书记 his
 * own org subtree (orgs, its members and their invitations, the 党员花名册), while villages,
 * pairings and the audit log are the administrators' alone (adminProcedure).
 */
export type Management = { orgs: boolean; people: boolean; villages: boolean; audit: boolean }

export const managementOf = (roles: readonly Role[]): Management => {
  const isAdmin = roles.includes('ADMIN')
  const isSecretary = isAdmin || roles.includes('SECRETARY')
  return { orgs: isSecretary, people: isSecretary, villages: isAdmin, audit: isAdmin }
}

export const managesAnything = (roles: readonly Role[]): boolean => Object.values(managementOf(roles)).some(Boolean)
