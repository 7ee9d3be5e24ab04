// The generator's core: fills a migrated database with a deterministic world (the same scale and
// seed give the same rows; only ciphertexts differ, their IVs being random) in batches of whole
// villages, one transaction a batch, building the next batch while the last one is written.
import { setImmediate as nextTick } from 'node:timers/promises'
import pg from 'pg'
import type { FieldCrypto } from '../../server/lib/field-crypto'
import { type ActivitiesByMonth, activitiesOf, generateBranchActivities } from './activities'
import { type Batch, createBatch, writeBatch } from './bulk-insert'
import { generateDonations } from './donations'
import { hasGeneratedData, truncateGeneratedTables } from './generated-data'
import { createIdSequences } from './household-members'
import { generateHouseholds } from './households'
import { addNeed } from './needs'
import { type Branch, buildOrgTree, GENERATED_ADMIN_PHONE } from './org-tree'
import type { Progress } from './progress'
import { createRandom } from './random'
import { DAY, HISTORY_END, OFFICE_NEEDS_PER_HOUSEHOLD, type Scale, villageCount } from './scale'
import { TABLE_NAMES, type TableName } from './tables'
import { householdsPerVillage } from './village-sizes'
import { generateVisits } from './visits'

export class GenerationRefused extends Error {
  override name = 'GenerationRefused'
}

export type GenerateOptions = {
  /** A migrated database. */
  url: string
  scale: Scale
  crypto: FieldCrypto
  /** One Argon2 hash, shared by every generated account (hashing 50,000 would take hours). */
  passwordHash: string
  /** Empty the generated tables first, if the database already holds generated data. */
  isReset?: boolean
  progress?: Progress | null
  /** Households a batch (transaction) holds, at least; whole villages. */
  batchHouseholds?: number
}

export type GenerateReport = {
  counts: Record<TableName, number>
  seconds: number
  adminPhone: string
}

export const seedOf = (scale: Scale) => `pdrl-gen-v1:${scale.name}:${scale.households}`

export const generate = async ({
  url,
  scale,
  crypto,
  passwordHash,
  isReset = false,
  progress = null,
  batchHouseholds = 2_000,
}: GenerateOptions): Promise<GenerateReport> => {
  const started = Date.now()
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>
  const onTable = (table: TableName, rows: number) => {
    counts[table] += rows
    progress?.rows(table, rows)
  }
  const client = new pg.Client({ connectionString: url })
  const second = new pg.Client({ connectionString: url })
  await Promise.all([client.connect(), second.connect()])
  try {
    if (await hasGeneratedData(client)) {
      if (!isReset) {
        throw new GenerationRefused(
          'This database already holds generated data. Run again with --reset to empty the generated tables first (the migrations are kept).',
        )
      }
      await truncateGeneratedTables(client)
    }
    const seed = seedOf(scale)

    // 1. The tree, the accounts, and the organ branches' party days (they link to villages).
    const first = createBatch()
    const tree = buildOrgTree(first, { seed, scale, passwordHash })
    const activityIndex = new Map<number, ActivitiesByMonth>()
    const organs = tree.branches.filter((b) => !b.isVillageBranch)
    for (const [i, branch] of organs.entries()) {
      const partners = branch.villageIndexes.map((v) => (tree.villages[v] as { branch: Branch }).branch.id)
      generateBranchActivities(first, {
        random: createRandom(`${seed}:organ:${i}`),
        branch,
        villages: tree.villages,
        index: activityIndex,
        partnerOrgIds: partners,
      })
    }
    await writeBatch(client, first, onTable)

    // 2. Village by village: the branch's party days, households, visits, needs, donations.
    const sizes = householdsPerVillage(seed, villageCount(scale), scale.households)
    const donorsOf = new Map<number, Branch[]>()
    for (const branch of organs) {
      for (const v of branch.villageIndexes) donorsOf.set(v, [...(donorsOf.get(v) ?? []), branch])
    }
    const ids = createIdSequences()
    let batch: Batch = createBatch()
    let inBatch = 0
    let villagesWritten = 0
    // Two writers: PostgreSQL, not this process, is the bottleneck, and a machine has cores to
    // spare for a second backend. Batches touch disjoint villages, so they commit in any order.
    const writers = [
      { client, writing: Promise.resolve() },
      { client: second, writing: Promise.resolve() },
    ]
    let turn = 0
    const flush = async (villagesDone: number) => {
      const writer = writers[turn++ % writers.length] as (typeof writers)[number]
      await writer.writing
      const write = writeBatch(writer.client, batch, onTable).then(() => {
        villagesWritten = Math.max(villagesWritten, villagesDone)
        progress?.villagesDone(villagesWritten)
      })
      // Awaited before this writer's next batch; until then the rejection is held, not unhandled.
      write.catch(() => {})
      writer.writing = write
      batch = createBatch()
      inBatch = 0
    }
    for (const village of tree.villages) {
      const random = createRandom(`${seed}:village:${village.index}`)
      const donors = donorsOf.get(village.index) ?? []
      generateBranchActivities(batch, {
        random,
        branch: village.branch,
        villages: tree.villages,
        index: activityIndex,
        partnerOrgIds: donors.map((d) => d.id),
      })
      const activities = activitiesOf(activityIndex, village.index)
      const households = generateHouseholds(batch, {
        random,
        village,
        count: sizes[village.index] ?? 0,
        crypto,
        ids,
      })
      generateVisits(batch, { random, village, households, activities, crypto })
      for (const household of households) {
        for (let n = random.poisson(OFFICE_NEEDS_PER_HOUSEHOLD); n > 0; n--) {
          const from = household.createdAt.getTime()
          addNeed(batch, {
            random,
            household,
            createdAt: from + random.int(0, Math.floor((HISTORY_END - from) / DAY)) * DAY,
            visitId: null,
          })
        }
      }
      generateDonations(batch, { random, village, households, activities, donors, adminId: tree.adminId })
      inBatch += households.length
      if (inBatch >= batchHouseholds) await flush(village.index + 1)
      // Let the last batch's rows reach the socket while this one is built.
      await nextTick()
    }
    await flush(tree.villages.length)
    for (const writer of writers) await writer.writing
    progress?.done()
    // The rollups were kept by their triggers row batch by row batch: every village's and the
    // province's rows updated thousands of times, each leaving a dead version behind. A real
    // database reaches its size over years, with autovacuum keeping pace; rebuilt, the tables
    // hold what such a database holds (docs/scaling.md, "Rollup upkeep").
    await client.query('SELECT stats_rebuild()')
    // Planner statistics for the new rows, so the app's first queries are not planned blind.
    await client.query('ANALYZE')
    return { counts, seconds: (Date.now() - started) / 1000, adminPhone: GENERATED_ADMIN_PHONE }
  } finally {
    await Promise.all([client.end(), second.end()])
  }
}
