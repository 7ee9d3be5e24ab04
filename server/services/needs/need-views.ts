// How needs are shown: list rows and the detail page with its timeline and next steps.
import { dateToDateOnly, shanghaiDate } from '../../../common/dates'
import type { NeedStatus } from '../../../common/enums'
import { NEED_TRANSITIONS, OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import type { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { householdRefSelect, userRefSelect } from '../record-selects'

export const needListSelect = {
  id: true,
  version: true,
  category: true,
  description: true,
  urgency: true,
  status: true,
  source: true,
  dueOn: true,
  responsibleUnit: true,
  satisfaction: true,
  createdAt: true,
  updatedAt: true,
  household: { select: householdRefSelect },
  village: { select: { id: true, name: true } },
} satisfies Prisma.NeedSelect

export const needDetailSelect = {
  ...needListSelect,
  resolvedAt: true,
  closedAt: true,
  visit: { select: { id: true, visitedOn: true } },
  events: {
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      fromStatus: true,
      toStatus: true,
      note: true,
      createdAt: true,
      actor: { select: userRefSelect },
    },
  },
} satisfies Prisma.NeedSelect

export const isOverdue = (status: NeedStatus, dueOn: string | null, today = shanghaiDate()) =>
  Boolean(dueOn && dueOn < today && OPEN_NEED_STATUSES.includes(status))

export const toNeedListItem = <T extends Prisma.NeedGetPayload<{ select: typeof needListSelect }>>(need: T) => {
  const dueOn = need.dueOn ? dateToDateOnly(need.dueOn) : null
  return extend(need, {
    dueOn,
    isOpen: OPEN_NEED_STATUSES.includes(need.status),
    isOverdue: isOverdue(need.status, dueOn),
  })
}

export const toNeedDetail = (
  need: Prisma.NeedGetPayload<{ select: typeof needDetailSelect }>,
  { canTransition }: { canTransition: boolean },
) => ({
  ...toNeedListItem(need),
  resolvedAt: need.resolvedAt,
  closedAt: need.closedAt,
  visit: need.visit ? { id: need.visit.id, visitedOn: dateToDateOnly(need.visit.visitedOn) } : null,
  timeline: need.events,
  /** The moves the caller may make now (empty when they may not act on this need). */
  nextSteps: canTransition ? NEED_TRANSITIONS[need.status] : [],
})
