// A branch's monthly 主题党日 over the window: held on the branch's usual day of the month, at
// its own village or (for an organ branch, some months) at a village it is paired with, with the
// attendance (应到/实到) and a reason for every absence.
import { addRow, type Batch } from './bulk-insert'
import type { Branch, GeneratedVillage } from './org-tree'
import type { Random } from './random'
import { DAY, dateOnly, HISTORY_END, HISTORY_MONTHS, HISTORY_START } from './scale'
import { ABSENCE_REASONS, THEMES } from './vocabulary'

/** A village's activities, per month of the window: visits and donations on those days link to them. */
export type ActivitiesByMonth = { id: string; heldOn: number }[][]

export const monthStart = (m: number) => {
  const start = new Date(HISTORY_START)
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)
}

export const activitiesOf = (index: Map<number, ActivitiesByMonth>, villageIndex: number): ActivitiesByMonth => {
  const existing = index.get(villageIndex)
  if (existing) return existing
  const created: ActivitiesByMonth = Array.from({ length: HISTORY_MONTHS }, () => [])
  index.set(villageIndex, created)
  return created
}

export const generateBranchActivities = (
  batch: Batch,
  {
    random,
    branch,
    villages,
    index,
    partnerOrgIds,
  }: {
    random: Random
    branch: Branch
    villages: readonly GeneratedVillage[]
    index: Map<number, ActivitiesByMonth>
    /** Orgs that sometimes take part (a village's paired organ branch, or the paired village's branch). */
    partnerOrgIds: readonly string[]
  },
) => {
  const usualDay = random.int(1, 25)
  const expected = branch.memberIds.length
  for (let m = 0; m < HISTORY_MONTHS; m++) {
    const day = Math.min(28, Math.max(1, usualDay + random.int(-2, 2)))
    const heldOn = monthStart(m) + (day - 1) * DAY
    const villageIndex = branch.isVillageBranch
      ? branch.villageIndexes[0]
      : branch.villageIndexes.length && random.chance(0.4)
        ? random.pick(branch.villageIndexes)
        : undefined
    const village = villageIndex === undefined ? undefined : villages[villageIndex]
    const theme =
      village && !branch.isVillageBranch
        ? '情系帮扶联点村 走访慰问暖民心'
        : (THEMES[(m + usualDay) % THEMES.length] as string)
    const absent = random.sample(
      branch.memberNames.slice(1),
      Math.min(
        expected - 1,
        random.weighted([
          [0, 40],
          [1, 30],
          [2, 20],
          [3, 10],
        ] as const),
      ),
    )
    const createdAt = new Date(Math.min(heldOn + DAY + 2 * 3_600_000, HISTORY_END))
    const id = random.uuid7(createdAt)
    const isDraft = m === HISTORY_MONTHS - 1 && random.chance(0.3)
    addRow(batch, 'Activity', [
      id,
      'THEMED_PARTY_DAY',
      theme,
      dateOnly(heldOn),
      village?.id ?? null,
      village ? `${village.township}${village.name}${branch.isVillageBranch ? '党员活动室' : '村委会'}` : '机关会议室',
      branch.id,
      `${branch.name}开展主题党日活动：${theme}。应到${expected}人，实到${expected - absent.length}人。`,
      expected,
      expected - absent.length,
      isDraft ? 'DRAFT' : 'PUBLISHED',
      createdAt,
      createdAt,
      branch.secretaryId,
    ])
    addRow(batch, 'ActivityOrg', [id, branch.id])
    if (partnerOrgIds.length && random.chance(0.15)) addRow(batch, 'ActivityOrg', [id, random.pick(partnerOrgIds)])
    for (const name of absent)
      addRow(batch, 'ActivityAbsence', [random.uuid7(createdAt), id, name, random.pick(ABSENCE_REASONS)])
    if (villageIndex !== undefined && !isDraft) activitiesOf(index, villageIndex)[m]?.push({ id, heldOn })
  }
}
