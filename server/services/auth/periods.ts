// Roles (Membership), cadre posts (CadreVillage) and pairings (OrgVillagePair) hold over a period
// of calendar days in Beijing time: from startedOn, up to the day before endedOn. Ending one on a
// day sets endedOn to that day, so it stops counting at once; an end date in the future (the end
// of a two-year 驻村 term) counts until that day. Ended rows stay, as history.
import { dateOnlyToDate, shanghaiDate } from '../../../common/dates'

/** Today in Beijing, as a `date` column holds it. */
export const today = (): Date => dateOnlyToDate(shanghaiDate())

/** The rows that hold on `day` (default today), for a `where`. One AND, safe to spread. */
export const liveOn = (day: Date = today()) => ({
  AND: [{ startedOn: { lte: day } }, { OR: [{ endedOn: null }, { endedOn: { gt: day } }] }],
})

/** Whether a row read from the database holds on `day`. */
export const isLive = (row: { startedOn: Date; endedOn: Date | null }, day: Date = today()): boolean =>
  row.startedOn <= day && (row.endedOn === null || row.endedOn > day)
