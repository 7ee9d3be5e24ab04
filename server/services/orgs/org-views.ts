// An org as the management pages show it: its place in the tree, whether it is closed, and what
// hangs on it (open child orgs, people holding a role in it now, villages it is paired with now).
import type { Prisma } from '../../generated/prisma/client'
import type { Actor } from '../auth/actor'
import { liveOn } from '../auth/periods'
import { isInSubtree } from './org-access'

/** An org and its place in the tree. */
export const orgPlaceSelect = {
  id: true,
  name: true,
  shortName: true,
  kind: true,
  parentId: true,
  path: true,
} satisfies Prisma.OrgSelect

export const orgViewSelect = (day: Date) =>
  ({
    ...orgPlaceSelect,
    closedAt: true,
    closedReason: true,
    version: true,
    _count: {
      select: {
        children: { where: { closedAt: null } },
        memberships: { where: { ...liveOn(day), user: { isActive: true } } },
        villagePairs: { where: liveOn(day) },
      },
    },
  }) satisfies Prisma.OrgSelect

type OrgViewRow = Prisma.OrgGetPayload<{ select: ReturnType<typeof orgViewSelect> }>

export const toOrgView = (actor: Actor, { _count, path, ...org }: OrgViewRow) => ({
  ...org,
  /** How deep in the tree (1: a top-level org). */
  depth: path.split('/').length - 2,
  openChildCount: _count.children,
  peopleCount: _count.memberships,
  pairedVillageCount: _count.villagePairs,
  isClosed: org.closedAt !== null,
  canManage: org.closedAt === null && isInSubtree(actor, path),
})

export type OrgView = ReturnType<typeof toOrgView>
