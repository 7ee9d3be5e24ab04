// When scheduled jobs run: 5-field cron expressions read in Beijing time, evaluated by
// cron-parser, the parser pg-boss schedules with, so that the next run shown to an administrator
// is the one pg-boss will start.
import cronParser from 'cron-parser'

export const JOB_TIME_ZONE = 'Asia/Shanghai'

const DAILY_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/

/**
 * A schedule as an operator writes it: a daily time (`HH:MM`, Beijing time) or a 5-field cron
 * expression (minute hour day month weekday). Returns the cron expression; throws with the reason
 * on anything else.
 */
export const cronOf = (schedule: string): string => {
  const text = schedule.trim()
  const daily = DAILY_TIME.exec(text)
  if (daily) return `${Number(daily[2])} ${Number(daily[1])} * * *`
  // pg-boss checks its schedules once a minute: a seconds field would be ignored, so refuse it.
  if (text.split(/\s+/).length !== 5) throw new Error('must be HH:MM, a 5-field cron expression, or off')
  cronParser.parseExpression(text, { tz: JOB_TIME_ZONE })
  return text
}

/** The first time after `after` that the cron expression fires. */
export const nextRunOf = (cron: string, after: Date = new Date()): Date =>
  cronParser.parseExpression(cron, { tz: JOB_TIME_ZONE, currentDate: after }).next().toDate()
