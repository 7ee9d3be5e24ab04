// The reminder scan (services/notices/queue-reminders.ts) on REMINDER_SCAN_SCHEDULE (hourly,
// 08:00–20:00 Beijing time, by default). pg-boss starts each scheduled hour once across instances,
// and the queue is 'stately'; a second scan at once would still queue nothing twice (each
// message's eventKey is unique). The messages go out with the next run of notice-send.
import { z } from 'zod'
import type { Db } from '../db/client'
import type { Env } from '../env'
import type { FieldCrypto } from '../lib/field-crypto'
import type { Logger } from '../lib/logger'
import { queueReminders } from '../services/notices/queue-reminders'
import { defineJob } from './job-runner'

export const REMINDER_SCAN_QUEUE = 'reminder-scan'

export const reminderJob = ({ env, db, crypto, log }: { env: Env; db: Db; crypto: FieldCrypto; log: Logger }) =>
  defineJob({
    queue: REMINDER_SCAN_QUEUE,
    cron: env.noticeTemplates.reminder ? env.reminderScanCron : null,
    policy: 'stately',
    expireInSeconds: 900,
    data: z.object({}),
    scheduledData: {},
    handler: async () => {
      const result = await queueReminders({
        db,
        crypto,
        log,
        templates: env.noticeTemplates,
        settings: {
          visitDaysMonitored: env.TODO_VISIT_DAYS_MONITORED,
          visitDaysAlleviated: env.TODO_VISIT_DAYS_ALLEVIATED,
        },
      })
      if (result.queued) log.info(result, 'reminders queued')
      return result
    },
  })
