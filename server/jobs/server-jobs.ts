// The jobs the server runs: its scheduled and queued work, in one list. A new job (a daily report,
// a reminder scan, maintenance) is a defineJob in this folder, added here.
import type { Db } from '../db/client'
import type { DatabaseHandle } from '../db/database'
import type { Env } from '../env'
import type { FieldCrypto } from '../lib/field-crypto'
import type { Logger } from '../lib/logger'
import { backupJob } from './backup-job'
import { dailyReportJob } from './daily-report-job'
import { type JobRunner, startJobRunner } from './job-runner'
import { retentionJob, statsCheckJob } from './maintenance-jobs'
import { noticeJob } from './notice-job'
import { reminderJob } from './reminder-job'

export const startServerJobs = ({
  env,
  database,
  db,
  crypto,
  log,
}: {
  env: Env
  database: Pick<DatabaseHandle, 'url' | 'kind'>
  db: Db
  crypto: FieldCrypto
  log: Logger
}): Promise<JobRunner> => {
  const wechat =
    env.WECHAT_APPID && env.WECHAT_SECRET
      ? { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE }
      : null
  return startJobRunner({
    url: database.url,
    log,
    jobs: [
      backupJob({ env, url: database.url, kind: database.kind, db, log }),
      dailyReportJob({ env, db, crypto, log }),
      retentionJob({ env, db, log }),
      statsCheckJob({ env, db, log }),
      // Subscribe messages need the mini-program's appid and secret; without them none is queued.
      ...(wechat ? [noticeJob({ env, wechat, db, log }), reminderJob({ env, db, crypto, log })] : []),
    ],
  })
}
