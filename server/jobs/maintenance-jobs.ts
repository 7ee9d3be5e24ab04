// The maintenance the operations commands do by hand, on a schedule inside the server:
// - retention (RETENTION_SCHEDULE, daily 03:30 Beijing time): `npm run retention`'s anonymising of
//   households past RETENTION_YEARS and pruning of old sessions, sign-in attempts and retry keys;
// - stats-check (STATS_CHECK_SCHEDULE, Sundays 04:00): `npm run stats:recount -- --check`. Rollups
//   that differ from a recount fail the run, which administrators see on 任务运行; rebuilding them
//   stays a decision taken by hand (`npm run stats:recount`).
// Both queues are 'stately': one run at a time across instances.
import { z } from 'zod'
import type { Db } from '../db/client'
import type { Env } from '../env'
import type { Logger } from '../lib/logger'
import { photoStorageFromEnv } from '../services/photos/storage'
import { anonymiseExpiredHouseholds, pruneOperationalRecords } from '../services/retention/anonymise-households'
import { rollupDifferences } from '../services/stats/check-rollups'
import { defineJob } from './job-runner'

export const RETENTION_QUEUE = 'retention'
export const STATS_CHECK_QUEUE = 'stats-check'

export const retentionJob = ({ env, db, log }: { env: Env; db: Db; log: Logger }) =>
  defineJob({
    queue: RETENTION_QUEUE,
    cron: env.retentionCron,
    policy: 'stately',
    expireInSeconds: 3600,
    data: z.object({}),
    scheduledData: {},
    handler: async () => {
      const report = await anonymiseExpiredHouseholds(db, {
        years: env.RETENTION_YEARS,
        photos: photoStorageFromEnv(env),
      })
      const pruned = await pruneOperationalRecords(db)
      const result = {
        endedBefore: report.endedBefore,
        anonymised: report.anonymised,
        photosRemoved: report.photosRemoved,
        signaturesRemoved: report.signaturesRemoved,
        failed: report.failed.length,
        ...pruned,
      }
      log.info(result, 'retention run')
      // The households that could not be anonymised are tried again next run; the run says so.
      if (report.failed.length) throw new Error(`${report.failed.length} households could not be anonymised`)
      return result
    },
  })

export const statsCheckJob = ({ env, db, log }: { env: Env; db: Db; log: Logger }) =>
  defineJob({
    queue: STATS_CHECK_QUEUE,
    cron: env.statsCheckCron,
    policy: 'stately',
    expireInSeconds: 1800,
    data: z.object({}),
    scheduledData: {},
    handler: async () => {
      const differences = await rollupDifferences(db)
      if (differences.length) {
        log.error({ differences: differences.slice(0, 20) }, 'statistics rollups differ from a recount')
        throw new Error(
          `rollups differ from a recount in ${differences.length} rows (first: ${differences[0]?.rollup}); run npm run stats:recount`,
        )
      }
      return { differences: 0 }
    },
  })
