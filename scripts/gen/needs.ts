// 诉求 and their timelines, following the workflow the server enforces (common/need-workflow.ts):
// older needs are mostly closed (办结, 回访, 不予受理); recent ones still open.
import type { NeedCategory, NeedStatus, NeedUrgency } from '../../common/enums'
import { findNeedTransition } from '../../common/need-workflow'
import { addRow, type Batch } from './bulk-insert'
import type { GeneratedHousehold } from './households'
import type { Random } from './random'
import { DAY, dateOnly, HISTORY_END } from './scale'
import { NEED_TEXTS, RESPONSIBLE_UNITS, STEP_NOTES } from './vocabulary'

const CATEGORY_WEIGHTS: readonly (readonly [NeedCategory, number])[] = [
  ['MEDICAL', 28],
  ['HOUSING', 16],
  ['SUPPLIES', 18],
  ['EMPLOYMENT', 12],
  ['EDUCATION', 9],
  ['FUNDS', 10],
  ['CORRECTION', 2],
  ['OTHER', 5],
]

const DUE_DAYS: Record<NeedUrgency, number> = { NORMAL: 30, URGENT: 15, CRITICAL: 7 }

/** The steps after 受理 that end in each status. */
const pathTo = (random: Random, status: NeedStatus): NeedStatus[] => {
  const handled: NeedStatus[] = random.chance(0.55) ? ['HANDLED_DIRECTLY'] : ['TRANSFERRED', 'IN_PROGRESS']
  const resolved: NeedStatus[] =
    handled[0] === 'HANDLED_DIRECTLY' && random.chance(0.6)
      ? ['HANDLED_DIRECTLY', 'RESOLVED']
      : [...handled, ...(handled.includes('IN_PROGRESS') ? [] : (['IN_PROGRESS'] as const)), 'RESOLVED']
  switch (status) {
    case 'RECEIVED':
      return []
    case 'HANDLED_DIRECTLY':
      return ['HANDLED_DIRECTLY']
    case 'TRANSFERRED':
      return ['TRANSFERRED']
    case 'IN_PROGRESS':
      return random.chance(0.5) ? ['HANDLED_DIRECTLY', 'IN_PROGRESS'] : ['TRANSFERRED', 'IN_PROGRESS']
    case 'RESOLVED':
      return resolved
    case 'FOLLOWED_UP':
      return [...resolved, 'FOLLOWED_UP']
    case 'REJECTED':
      return random.chance(0.6) ? ['REJECTED'] : ['TRANSFERRED', 'REJECTED']
  }
}

const finalStatus = (random: Random, ageDays: number): NeedStatus =>
  ageDays < 45
    ? random.weighted<NeedStatus>([
        ['RECEIVED', 25],
        ['HANDLED_DIRECTLY', 18],
        ['TRANSFERRED', 15],
        ['IN_PROGRESS', 17],
        ['RESOLVED', 12],
        ['FOLLOWED_UP', 8],
        ['REJECTED', 5],
      ])
    : random.weighted<NeedStatus>([
        ['RECEIVED', 2],
        ['HANDLED_DIRECTLY', 2],
        ['TRANSFERRED', 2],
        ['IN_PROGRESS', 4],
        ['RESOLVED', 14],
        ['FOLLOWED_UP', 68],
        ['REJECTED', 8],
      ])

const SOURCE_NOTES = { VISIT: '走访中收集', CADRE: '干部登记' } as const

export const addNeed = (
  batch: Batch,
  {
    random,
    household,
    createdAt,
    visitId,
  }: { random: Random; household: GeneratedHousehold; createdAt: number; visitId: string | null },
) => {
  const { village } = household
  const category = random.weighted(CATEGORY_WEIGHTS)
  const urgency = random.weighted<NeedUrgency>([
    ['NORMAL', 70],
    ['URGENT', 24],
    ['CRITICAL', 6],
  ])
  const status = finalStatus(random, (HISTORY_END - createdAt) / DAY)
  const steps = pathTo(random, status)
  const id = random.uuid7(new Date(createdAt))
  const actorId = random.pick(village.cadreIds)
  const source = visitId ? 'VISIT' : 'CADRE'
  addRow(batch, 'NeedEvent', [
    random.uuid7(new Date(createdAt)),
    id,
    actorId,
    null,
    'RECEIVED',
    SOURCE_NOTES[source],
    new Date(createdAt),
  ])
  let at = createdAt
  let from: NeedStatus = 'RECEIVED'
  let responsibleUnit: string | null = null
  let satisfaction: number | null = null
  let resolvedAt: Date | null = null
  let closedAt: Date | null = null
  for (const to of steps) {
    if (!findNeedTransition(from, to)) throw new Error(`generator bug: ${from} → ${to} is not in the workflow`)
    // Strictly after the step before, so the timeline sorts; near the window's end, minutes apart.
    at = Math.max(at + 60_000, Math.min(at + random.int(1, 9) * DAY + random.int(0, 8) * 3_600_000, HISTORY_END))
    let note: string
    if (to === 'TRANSFERRED') {
      responsibleUnit = random.pick(RESPONSIBLE_UNITS)
      note = `转交${responsibleUnit}办理`
    } else note = random.pick(STEP_NOTES[to as keyof typeof STEP_NOTES])
    if (to === 'RESOLVED') resolvedAt = new Date(at)
    if (to === 'FOLLOWED_UP') {
      satisfaction = random.weighted([
        [5, 55],
        [4, 30],
        [3, 10],
        [2, 4],
        [1, 1],
      ] as const)
      note = `${note}，满意度 ${satisfaction}`
      closedAt = new Date(at)
    }
    if (to === 'REJECTED') closedAt = new Date(at)
    addRow(batch, 'NeedEvent', [random.uuid7(new Date(at)), id, actorId, from, to, note, new Date(at)])
    from = to
  }
  addRow(batch, 'Need', [
    id,
    household.id,
    village.id,
    category,
    random.pick(NEED_TEXTS[category]),
    urgency,
    dateOnly(createdAt + DUE_DAYS[urgency] * DAY),
    responsibleUnit,
    status,
    source,
    visitId,
    satisfaction,
    resolvedAt,
    closedAt,
    new Date(createdAt),
    new Date(at),
    actorId,
    1 + steps.length,
  ])
  return status
}
