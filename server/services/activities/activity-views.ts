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
  _count: { select: { orgs: true } },
} satisfies Prisma.ActivitySelect

export const activityDetailSelect = {
  ...activityListSelect,
  summary: true,
  createdAt: true,
  updatedAt: true,
  orgs: { select: { org: { select: { id: true, name: true, shortName: true, kind: true } } } },
  absences: { orderBy: { name: 'asc' }, select: { name: true, reason: true } },
} satisfies Prisma.ActivitySelect

export const toActivityListItem = <T extends Prisma.ActivityGetPayload<{ select: typeof activityListSelect }>>({
  heldOn,
  _count,
  ...row
}: T) => ({
  ...row,
  heldOn: dateToDateOnly(heldOn),
  orgCount: _count.orgs,
})
