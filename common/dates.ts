// Dates are stored in UTC and shown in Asia/Shanghai. China keeps UTC+8 all year (no DST), so a
// fixed offset is exact and needs no time-zone database (which the mini-program does not have).
// Calendar days (活动日期, 走访日期) travel as "YYYY-MM-DD" strings.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** The calendar day in Shanghai at the given instant, as YYYY-MM-DD. */
export const shanghaiDate = (instant: Date = new Date()): string => {
  const d = new Date(instant.getTime() + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** 2025-01-23T06:30:00Z → "2025-01-23 14:30" */
export const formatShanghaiDateTime = (instant: Date | string): string => {
  const d = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "2025-01-23" → "2025年1月23日" */
export const formatChineseDate = (day: string): string => {
  const [y, m, d] = day.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** The Date a Postgres `date` column holds for a calendar day (UTC midnight). */
export const dateOnlyToDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`)

/** A Postgres `date` column's value back to YYYY-MM-DD. */
export const dateToDateOnly = (date: Date): string => date.toISOString().slice(0, 10)

/** The instant a Shanghai calendar day begins: "2025-01-23" → 2025-01-22T16:00:00Z. */
export const shanghaiDayStart = (day: string): Date => new Date(`${day}T00:00:00.000+08:00`)

/** The calendar day after, as YYYY-MM-DD. */
export const nextDay = (day: string): string => dateToDateOnly(new Date(dateOnlyToDate(day).getTime() + 86_400_000))
