// Export file names say what and when: 前跃村-捐赠台账-2025-01.xlsx, 捐赠台账-2026-11-26.xlsx. Each
// comes with an ASCII twin for clients that cannot read RFC 5987 names (server/http/exports.ts).
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'

type Period = { from?: string | undefined; to?: string | undefined }

const lastDayOfMonth = (day: string): string => {
  const d = dateOnlyToDate(day)
  return dateToDateOnly(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)))
}

/** A whole calendar month reads as "2025-01"; otherwise the dates given, or the day of the export. */
const periodOf = ({ from, to }: Period, today: string): { text: string; ascii: string } => {
  if (from && to) {
    if (from.endsWith('-01') && to === lastDayOfMonth(from)) return { text: from.slice(0, 7), ascii: from.slice(0, 7) }
    return from === to ? { text: from, ascii: from } : { text: `${from}至${to}`, ascii: `${from}_${to}` }
  }
  if (from) return { text: `${from}起`, ascii: `from-${from}` }
  if (to) return { text: `截至${to}`, ascii: `to-${to}` }
  return { text: today, ascii: today }
}

/** Characters no file system takes, and controls: a name must not change the path it is saved to. */
const withoutPathCharacters = (text: string) => text.replace(/[\\/:*?"<>|\p{Cc}]/gu, '').trim()

export const exportFileName = ({
  what,
  whatAscii,
  placeName,
  period,
  today,
}: {
  /** 捐赠台账 */
  what: string
  /** donation-ledger */
  whatAscii: string
  /** The village the export is about, when it is about one. */
  placeName?: string | null | undefined
  period: Period
  /** YYYY-MM-DD in Shanghai. */
  today: string
}): { fileName: string; asciiFileName: string } => {
  const { text, ascii } = periodOf(period, today)
  const place = placeName ? withoutPathCharacters(placeName) : ''
  return {
    fileName: `${place ? `${place}-` : ''}${what}-${text}.xlsx`,
    asciiFileName: `${whatAscii}-${ascii}.xlsx`,
  }
}
