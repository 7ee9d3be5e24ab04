// A village's 困难群众户 as the national 防返贫 system records them: head, ID number and phone
// (sealed through personal-fields.ts, never stored in plaintext), category and type, up to five
// risks, members with health, labour and schooling, incomes in fen, help measures.
import type { HelpMeasure, HouseholdCategory, RiskCode } from '../../common/enums'
import type { FieldCrypto } from '../../server/lib/field-crypto'
import { sealIdNumber, sealPhone } from '../../server/services/households/personal-fields'
import { addRow, type Batch } from './bulk-insert'
import { addMembers, composition, type IdSequences, type Person } from './household-members'
import type { GeneratedVillage } from './org-tree'
import type { Random } from './random'
import { DAY, dateOnly, HISTORY_END } from './scale'
import { GROUP_NAMES, personName } from './vocabulary'

export type GeneratedHousehold = {
  id: string
  village: GeneratedVillage
  category: HouseholdCategory
  createdAt: Date
}

const CATEGORY_WEIGHTS: readonly (readonly [HouseholdCategory, number])[] = [
  ['UNSTABLE_ALLEVIATED', 34],
  ['MARGINAL', 33],
  ['SUDDEN_HARDSHIP', 9],
  ['DIBAO', 14],
  ['TEKUN', 5],
  ['OTHER', 5],
]

const RISK_WEIGHTS: readonly (readonly [RiskCode, number])[] = [
  ['ILLNESS', 40],
  ['DISABILITY', 15],
  ['LABOR_SHORTAGE', 12],
  ['EDUCATION', 8],
  ['EMPLOYMENT_UNSTABLE', 7],
  ['DISASTER', 6],
  ['ACCIDENT', 5],
  ['INDUSTRY_FAILURE', 4],
  ['OTHER', 3],
]

const SIZE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 12],
  [2, 22],
  [3, 22],
  [4, 20],
  [5, 13],
  [6, 7],
  [7, 4],
]

const MEASURES_FOR_RISK: Record<RiskCode, HelpMeasure> = {
  ILLNESS: 'HEALTH',
  DISABILITY: 'SOCIAL_SECURITY',
  LABOR_SHORTAGE: 'SOCIAL_SECURITY',
  EDUCATION: 'EDUCATION',
  EMPLOYMENT_UNSTABLE: 'EMPLOYMENT',
  DISASTER: 'HOUSING_REPAIR',
  ACCIDENT: 'HEALTH',
  INDUSTRY_FAILURE: 'INDUSTRY',
  OTHER: 'FINANCE',
}

const PHONE_PREFIXES = [
  '139',
  '138',
  '137',
  '150',
  '151',
  '152',
  '157',
  '158',
  '182',
  '187',
  '133',
  '153',
  '180',
  '189',
  '199',
]

const yyyymm = (ms: number) => new Date(ms).toISOString().slice(0, 7).replace('-', '')

const month = (ms: number) => {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
}

export const generateHouseholds = (
  batch: Batch,
  {
    random,
    village,
    count,
    crypto,
    ids,
  }: { random: Random; village: GeneratedVillage; count: number; crypto: FieldCrypto; ids: IdSequences },
): GeneratedHousehold[] => {
  const households: GeneratedHousehold[] = []
  const staff = [...village.cadreIds, ...village.helperIds]
  for (let i = 0; i < count; i++) {
    const category = random.weighted(CATEGORY_WEIGHTS)
    const householdType =
      category === 'UNSTABLE_ALLEVIATED'
        ? 'POVERTY_ALLEVIATED'
        : category === 'MARGINAL'
          ? 'ORDINARY'
          : random.chance(0.6)
            ? 'POVERTY_ALLEVIATED'
            : 'ORDINARY'

    // Risks first: the earliest one is when monitoring started.
    const riskCount = random.weighted([
      [1, 55],
      [2, 28],
      [3, 11],
      [4, 4],
      [5, 2],
    ] as const)
    const codes = new Set<RiskCode>()
    if (category === 'SUDDEN_HARDSHIP') codes.add(random.chance(0.5) ? 'DISASTER' : 'ACCIDENT')
    while (codes.size < riskCount) codes.add(random.weighted(RISK_WEIGHTS))
    const monitoringStart = month(Date.UTC(2021, 0, 1) + random.int(0, 68) * 30 * DAY)
    const risks = [...codes].map((code, n) => {
      const identified = n === 0 ? monitoringStart : month(monitoringStart + random.int(0, 20) * 30 * DAY)
      const identifiedAt = Math.min(identified, month(HISTORY_END))
      const isEliminated = random.chance(0.4)
      const eliminated = isEliminated
        ? Math.min(month(identifiedAt + random.int(4, 30) * 30 * DAY), month(HISTORY_END))
        : null
      return { code, identifiedAt, eliminated }
    })
    const isAllEliminated = risks.every((r) => r.eliminated !== null)
    const monitoringEnded =
      isAllEliminated && random.chance(0.6) ? Math.max(...risks.map((r) => r.eliminated as number)) + 27 * DAY : null
    const createdAt = new Date(
      Math.min(Math.max(monitoringStart, Date.UTC(2023, 5, 1)) + random.int(0, 120) * DAY, HISTORY_END - 20 * DAY) +
        random.int(1, 9) * 3_600_000,
    )
    const id = random.uuid7(createdAt)
    const createdById = random.pick(village.cadreIds)

    const size = random.weighted(SIZE_WEIGHTS)
    const head: Person = {
      relationship: 'HEAD',
      isMale: random.chance(0.75),
      age: random.int(28, 62) + random.int(0, 26),
    }
    const people = composition(random, size, head)
    const family = personName(random, true).slice(0, 1)
    const helpMeasures = new Set<HelpMeasure>(risks.map((r) => MEASURES_FOR_RISK[r.code]))
    if (category === 'DIBAO' || category === 'TEKUN') helpMeasures.add('SOCIAL_SECURITY')
    if (random.chance(0.35)) helpMeasures.add(random.pick(['INDUSTRY', 'EMPLOYMENT', 'FINANCE'] as const))

    const { headName, headIdNumber } = addMembers(batch, {
      random,
      crypto,
      ids,
      village,
      householdId: id,
      createdAt,
      people,
      family,
    })

    // 家庭人均纯收入 around the monitoring line; the 兜底 categories lower, and more of it transfers.
    const isSupported = category === 'DIBAO' || category === 'TEKUN'
    const perCapitaYuan = Math.round(9_500 * Math.exp(0.35 * random.normal()) * (isSupported ? 0.75 : 1))
    const totalFen = perCapitaYuan * 100 * size
    const transferFen = Math.round(totalFen * (isSupported ? 0.5 : 0.2) * (0.7 + random.next() * 0.6))
    const businessFen = Math.round((totalFen - transferFen) * random.next() * 0.4)
    const propertyFen = Math.round(totalFen * random.next() * 0.03)
    const wageFen = Math.max(0, totalFen - transferFen - businessFen - propertyFen)

    const idSealed = sealIdNumber(crypto, headIdNumber, 'household.idNumber')
    const phone = random.chance(0.85)
      ? sealPhone(crypto, `${random.pick(PHONE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`)
      : null
    const endedOn = monitoringEnded !== null && monitoringEnded <= HISTORY_END ? monitoringEnded : null
    addRow(batch, 'Household', [
      id,
      village.id,
      `${village.adminCode}${String(i + 1).padStart(4, '0')}`,
      headName,
      idSealed.enc,
      idSealed.hash,
      idSealed.mask,
      phone?.enc ?? null,
      phone?.mask ?? null,
      random.pick(GROUP_NAMES),
      householdType,
      category,
      perCapitaYuan * 100,
      wageFen,
      businessFen,
      propertyFen,
      transferFen,
      [...helpMeasures],
      random.pick(staff),
      dateOnly(monitoringStart),
      endedOn === null ? null : dateOnly(endedOn),
      endedOn === null ? null : new Date(endedOn + 2 * DAY),
      createdAt,
      createdAt,
      createdById,
    ])
    for (const risk of risks) {
      addRow(batch, 'HouseholdRisk', [
        random.uuid7(createdAt),
        id,
        risk.code,
        yyyymm(risk.identifiedAt),
        risk.eliminated !== null,
        risk.eliminated === null ? null : yyyymm(risk.eliminated),
        risk.eliminated === null ? null : random.chance(0.8) ? 'ASSISTED' : 'NATURAL',
        createdAt,
      ])
    }
    households.push({ id, village, category, createdAt })
  }
  return households
}
