// How big a generated world is. The org tree follows the administrative one: 市 → 县 → 乡 → 村
// (docs in README, "Data generator"). History is scaled to the households, so that
// `--households N` shrinks everything in proportion.

export type ScaleName = 'county' | 'province'

export type Scale = {
  name: ScaleName
  cities: number
  countiesPerCity: number
  townshipsPerCounty: number
  villagesPerTownship: number
  households: number
}

export const SCALES: Record<ScaleName, Scale> = {
  // 1 county, 10 townships, 150 villages, ≈15,000 households (mean 100 a village).
  county: {
    name: 'county',
    cities: 1,
    countiesPerCity: 1,
    townshipsPerCounty: 10,
    villagesPerTownship: 15,
    households: 15_000,
  },
  // 8 cities/prefectures (as Qinghai has), 40 counties, 400 townships, 2,000 villages, ≈300,000
  // households (mean 150 a village).
  province: {
    name: 'province',
    cities: 8,
    countiesPerCity: 5,
    townshipsPerCounty: 10,
    villagesPerTownship: 5,
    households: 300_000,
  },
}

/** Below this many households a village on average, a `--households` override uses fewer villages. */
const MIN_MEAN_HOUSEHOLDS = 20

/**
 * The scale with a household count of the caller's choosing. A small count keeps a plausible
 * village size by dropping townships, counties and cities (the tree keeps its four levels).
 */
export const withHouseholds = (scale: Scale, households: number | undefined): Scale => {
  if (households === undefined) return scale
  const villagesWanted = Math.max(1, Math.round(households / MIN_MEAN_HOUSEHOLDS))
  let { cities, countiesPerCity, townshipsPerCounty } = scale
  const villages = () => cities * countiesPerCity * townshipsPerCounty * scale.villagesPerTownship
  while (villages() > villagesWanted && townshipsPerCounty > 1) townshipsPerCounty -= 1
  while (villages() > villagesWanted && countiesPerCity > 1) countiesPerCity -= 1
  while (villages() > villagesWanted && cities > 1) cities -= 1
  return { ...scale, cities, countiesPerCity, townshipsPerCounty, households }
}

export const villageCount = (scale: Scale) =>
  scale.cities * scale.countiesPerCity * scale.townshipsPerCounty * scale.villagesPerTownship

/** The history's window: 36 whole months, fixed so that a run today and next year give the same rows. */
export const HISTORY_START = Date.UTC(2023, 10, 1) // 2023-11-01
export const HISTORY_MONTHS = 36 // to 2026-10-31
/** The last moment of the window. */
export const HISTORY_END = Date.UTC(2023, 10 + HISTORY_MONTHS, 1) - 1

export const DAY = 86_400_000
export const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Per household over the window (province: ≈1,000,000 visits and ≈500,000 donations). */
export const VISITS_PER_HOUSEHOLD = 3.3
export const DONATIONS_PER_HOUSEHOLD = 1.6
/** Needs registered at the village office; visits raise more (8% of visits). */
export const OFFICE_NEEDS_PER_HOUSEHOLD = 0.3
/** Spread of village sizes (σ of the lognormal): the largest villages have several times the smallest's households. */
export const VILLAGE_SIZE_SIGMA = 0.6
