// The jobs the server runs: its scheduled and queued work, in one list. A new job (a daily report,
// a reminder scan, maintenance) is a defineJob in this folder, added here.
import type { Db } from '../db/client'
import type { DatabaseHandle } from '../db/database'
import type { Env } from '../env'
import type { Logger } from '../lib/logger'
import { backupJob } from './backup-job'
import { type JobRunner, startJobRunner } from './job-runner'

export const startServerJobs = ({
  env,
  database,
  db,
  log,
}: {
  env: Env
  database: Pick<DatabaseHandle, 'url' | 'kind'>
  db: Db
  log: Logger
}): Promise<JobRunner> =>
  startJobRunner({
    url: database.url,
    log,
    jobs: [backupJob({ env, url: database.url, kind: database.kind, db, log })],
  })
