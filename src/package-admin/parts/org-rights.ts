// What the org page offers, as the server decides it (server/services/orgs/org-access.ts): an
// administrator any org; a 支部书记 adds orgs below and renames within his subtree (the server's
// `canManage`), but moves or closes only the orgs strictly below one he is secretary of, since his
// reach hangs on his own org. The top of the tree is the administrators'.
import type { RouterOutputs } from '../../lib/api-types'

type Org = Pick<RouterOutputs['org']['byId'], 'canManage' | 'ancestors'>
type Person = Pick<RouterOutputs['auth']['me'], 'roles' | 'memberships'>

export type OrgRights = {
  canAddChild: boolean
  canEdit: boolean
  /** Move under another parent, or close. */
  canRestructure: boolean
  /** Add or move an org to the top of the tree. */
  canUseTop: boolean
}

export const orgRightsOf = (org: Org, me: Person): OrgRights => {
  const isAdmin = me.roles.includes('ADMIN')
  const ownIds = new Set(me.memberships.filter((m) => m.role === 'SECRETARY').map((m) => m.orgId))
  const isBelowOwn = isAdmin || org.ancestors.some((a) => ownIds.has(a.id))
  return {
    canAddChild: org.canManage,
    canEdit: org.canManage,
    canRestructure: org.canManage && isBelowOwn,
    canUseTop: isAdmin,
  }
}
