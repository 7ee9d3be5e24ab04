// The settings of the server's scheduled work and its WeChat reminders (docs/deployment.md,
// "Scheduled jobs"), checked with the rest of the configuration in env.ts.
import { z } from 'zod'
import { cronOf } from './jobs/schedule'
import { DEFAULT_REMINDER_FIELDS, parseFieldMapping, REMINDER_VALUES } from './services/notices/templates'
import type { FieldType } from './services/notices/wechat-fields'

/** A schedule: a daily time (HH:MM, Beijing time), a 5-field cron expression, or off (null). */
export const ZSchedule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx): string | null => {
      if (value.trim().toLowerCase() === 'off') return null
      try {
        return cronOf(value)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) })
        return z.NEVER
      }
    })

/** A template's keyword mapping (value=keyword,…), checked against what each value may fill. */
export const ZFieldMapping = <V extends string>(fallback: string, values: Record<V, readonly FieldType[]>) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx): Record<string, V> => {
      try {
        return parseFieldMapping(value, values)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) })
        return z.NEVER
      }
    })

export const ZTemplateId = z.string().regex(/^[\w-]{10,64}$/, 'must be a template id from the mini-program console')

export const SCHEDULE_ENV = {
  /**
   * The subscribe-message template cadres and secretaries are reminded by of their 待办 (needs
   * due, 回访, visits, 主题党日, 督办). Unset: no reminders.
   */
  WECHAT_TEMPLATE_REMINDER: ZTemplateId.optional(),
  /** Which of its keywords takes what: subject=thing1,due=date2,tip=thing3. */
  WECHAT_TEMPLATE_REMINDER_FIELDS: ZFieldMapping(DEFAULT_REMINDER_FIELDS, REMINDER_VALUES),
  /**
   * When the reminder scan runs (Beijing time): every hour from 08:00 to 20:00 by default, so that
   * no one is woken at night. Each run queues at most one message per person per item per day.
   */
  REMINDER_SCAN_SCHEDULE: ZSchedule('0 8-20 * * *'),
  /** When `npm run retention`'s anonymising and pruning runs by itself: daily, 03:30 by default. */
  RETENTION_SCHEDULE: ZSchedule('03:30'),
  /** When the statistics rollups are checked against a recount (stats:recount --check): Sundays 04:00. */
  STATS_CHECK_SCHEDULE: ZSchedule('0 4 * * 0'),
}
