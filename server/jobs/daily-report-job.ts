// Issues the day's 有诉必应日报 on DAILY_REPORT_SCHEDULE (17:00 Beijing time by default); pg-boss
// fires each scheduled minute once across instances, and a day issued twice keeps its first issue.
import { z } from 'zod'
import { shanghaiDate } from '../../common/dates'
import type { Db } from '../db/client'
import type { Env } from '../env'
import type { FieldCrypto } from '../lib/field-crypto'
import type { Logger } from '../lib/logger'
import { issueDailyNeedsReports } from '../services/reports/issue-daily-report'
import { defineJob } from './job-runner'

export const DAILY_REPORT_QUEUE = 'daily-needs-report'

export const dailyReportJob = ({ env, db, crypto, log }: { env: Env; db: Db; crypto: FieldCrypto; log: Logger }) =>
  defineJob({
    queue: DAILY_REPORT_QUEUE,
    cron: env.dailyReportCron,
    policy: 'stately',
    expireInSeconds: 1800,
    data: z.object({}),
    scheduledData: {},
    handler: async () => {
      const result = await issueDailyNeedsReports({ db, crypto, log, date: shanghaiDate() })
      log.info(result, 'daily needs report issued')
      return result
    },
  })
