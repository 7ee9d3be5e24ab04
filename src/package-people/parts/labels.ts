// How the people pages word roles, posts and their periods.
import { ORG_ROLES, type OrgRole } from '../../../common/contracts/user/user-fields'
import { ROLE_LABELS } from '../../../common/enums'

/** 2025-01-23 起, or 2023-01-01 至 2025-01-01 (the day it ended). */
export const periodText = ({ startedOn, endedOn }: { startedOn: string; endedOn: string | null }): string =>
  endedOn ? `${startedOn} 至 ${endedOn}` : `${startedOn} 起`

export const ROLE_OPTIONS = ORG_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))

/** What an actor may grant (services/users/grants.ts): administrators any role; 支部书记 党员 only. */
export const grantableRoles = (isAdmin: boolean): { value: OrgRole; label: string }[] =>
  isAdmin ? ROLE_OPTIONS : ROLE_OPTIONS.filter((o) => o.value === 'MEMBER')

/** 支部书记 · 党支部名 */
export const roleLine = (r: { role: OrgRole | 'RESIDENT'; title: string | null; org: { name: string } }): string =>
  `${r.title ?? ROLE_LABELS[r.role]} · ${r.org.name}`
