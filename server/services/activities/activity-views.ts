// How activities are shown: list rows and the detail page, with totals from stats/totals.ts.
import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'

export const activityListSelect = {
  id: true,
  version: true,
  kind: true,
  theme: true,
  heldOn: true,
  status: true,
  place: true,
  expectedCount: true,
  presentCount: true,
  village: { select: { id: true, name: true, township: true, county: true } },
  organiserOrg: { select: { id: true, name: true, shortName: true } },
} satisfies Prisma.ActivitySelect

export const activityDetailSelect = {
  ...activityListSelect,
  summary: true,
  createdAt: true,
  updatedAt: true,
  orgs: { select: { org: { select: { id: true, name: true, shortName: true, kind: true } } } },
  absences: { orderBy: { name: 'asc' }, select: { name: true, reason: true } },
} satisfies Prisma.ActivitySelect

/**
 * `orgCount` is counted by the caller for its own rows: a relation `_count` in a select makes
 * Prisma group the whole ActivityOrg table on every query (docs/scaling.md).
 */
export const toActivityListItem = <T extends Prisma.ActivityGetPayload<{ select: typeof activityListSelect }>>(
  { heldOn, ...row }: T,
  orgCount: number,
) => ({
  ...row,
  heldOn: dateToDateOnly(heldOn),
  orgCount,
})
