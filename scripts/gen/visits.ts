// 走访: cadres and paired-branch members visit each household a few times over the window, often
// on a 主题党日, with rice, flour, oil or cash; some visits raise a need. The 第一书记 is visited
// too, on the paired branch's party days.
import type { FieldCrypto } from '../../server/lib/field-crypto'
import type { ActivitiesByMonth } from './activities'
import { addRow, type Batch } from './bulk-insert'
import type { GeneratedHousehold } from './households'
import { addNeed } from './needs'
import type { GeneratedVillage } from './org-tree'
import type { Random } from './random'
import { DAY, dateOnly, HISTORY_END, HISTORY_START, VISITS_PER_HOUSEHOLD } from './scale'
import { DIFFICULTIES, GOODS, LIVING_CONDITIONS, VISIT_HEALTH_NOTES } from './vocabulary'

const monthIndexOf = (ms: number) => {
  const d = new Date(ms)
  const start = new Date(HISTORY_START)
  return (d.getUTCFullYear() - start.getUTCFullYear()) * 12 + d.getUTCMonth() - start.getUTCMonth()
}

/** A day in [from, HISTORY_END], or that month's activity day when one links. */
const visitDay = (random: Random, from: number, activities: ActivitiesByMonth, linkShare: number) => {
  const day = from + random.int(0, Math.max(0, Math.floor((HISTORY_END - from) / DAY))) * DAY
  const sameMonth = activities[monthIndexOf(day)]?.filter((a) => a.heldOn >= from) ?? []
  if (sameMonth.length && random.chance(linkShare)) {
    const activity = random.pick(sameMonth)
    return { day: activity.heldOn, activityId: activity.id }
  }
  return { day: Math.floor(day / DAY) * DAY, activityId: null }
}

const addGoods = (batch: Batch, random: Random, visitId: string) => {
  let total = 0
  for (const goods of random.sample(GOODS.slice(0, 6), random.int(1, 3))) {
    const quantity = random.int(1, 2)
    const value = quantity * goods.unitValueFen
    total += value
    addRow(batch, 'VisitGoods', [
      random.uuid7(new Date(HISTORY_START)),
      visitId,
      goods.item,
      quantity,
      goods.unit,
      goods.unitValueFen,
      value,
    ])
  }
  return total
}

export const generateVisits = (
  batch: Batch,
  {
    random,
    village,
    households,
    activities,
    crypto,
  }: {
    random: Random
    village: GeneratedVillage
    households: readonly GeneratedHousehold[]
    activities: ActivitiesByMonth
    crypto: FieldCrypto
  },
) => {
  const people = [...village.cadreIds, ...village.helperIds]
  const visit = (target: 'HOUSEHOLD' | 'CADRE', from: number, household: GeneratedHousehold | null) => {
    const { day, activityId } = visitDay(random, from, activities, target === 'CADRE' ? 0.8 : 0.35)
    const createdAt = new Date(Math.min(day + 10 * 3_600_000 + random.int(0, 7_200) * 1000, HISTORY_END))
    const id = random.uuid7(createdAt)
    const visitors = random.sample(people, random.int(1, 3))
    const hasGoods = target === 'HOUSEHOLD' && random.chance(0.55)
    const goodsValue = hasGoods ? addGoods(batch, random, id) : 0
    const cash = target === 'HOUSEHOLD' && random.chance(0.45) ? random.pick([20_000, 30_000, 50_000, 100_000]) : 0
    addRow(batch, 'Visit', [
      id,
      activityId,
      village.id,
      target,
      household?.id ?? null,
      target === 'CADRE' ? (village.cadreIds[village.cadreIds.length - 1] as string) : null,
      dateOnly(day),
      household && random.chance(0.35) ? crypto.encrypt(random.pick(VISIT_HEALTH_NOTES), 'visit.health') : null,
      random.chance(0.8) ? random.pick(LIVING_CONDITIONS) : null,
      random.chance(0.7) ? random.pick(DIFFICULTIES) : null,
      cash,
      goodsValue,
      createdAt,
      createdAt,
      visitors[0] as string,
    ])
    for (const userId of visitors) addRow(batch, 'VisitVisitor', [id, userId])
    return { id, createdAt }
  }

  for (const household of households) {
    const count = random.poisson(VISITS_PER_HOUSEHOLD)
    for (let v = 0; v < count; v++) {
      const made = visit('HOUSEHOLD', household.createdAt.getTime(), household)
      // 走访发现: a need raised during the visit, recorded with it.
      if (random.chance(0.08))
        addNeed(batch, { random, household, createdAt: made.createdAt.getTime(), visitId: made.id })
    }
  }
  // The resident 第一书记, visited about twice a year.
  for (let v = random.poisson(6); v > 0; v--) visit('CADRE', HISTORY_START, null)
}
