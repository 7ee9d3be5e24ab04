// The progress line on stderr: a bar over the villages done, and rows a second per table. On a
// terminal it redraws one line; in a log (not a TTY) it prints a line every few seconds.
import type { TableName } from './tables'

export type Progress = {
  rows: (table: TableName, count: number) => void
  villagesDone: (done: number) => void
  done: () => void
}

const SHORT: Partial<Record<TableName, string>> = {
  Household: 'households',
  HouseholdMember: 'members',
  Activity: 'activities',
  Visit: 'visits',
  Donation: 'donations',
  Need: 'needs',
  NeedEvent: 'events',
}

const BAR = 24

export const createProgress = ({
  totalVillages,
  stream = process.stderr,
  isSilent = false,
}: {
  totalVillages: number
  stream?: NodeJS.WriteStream
  isSilent?: boolean
}): Progress => {
  const started = Date.now()
  const counts = new Map<TableName, number>()
  let villages = 0
  let lastDrawn = 0
  const isTty = Boolean(stream.isTTY)
  const interval = isTty ? 200 : 5_000

  const line = () => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000)
    const share = totalVillages ? villages / totalVillages : 1
    const filled = Math.round(share * BAR)
    const tables = Object.entries(SHORT)
      .map(([table, label]) => {
        const n = counts.get(table as TableName) ?? 0
        return n ? `${label} ${n.toLocaleString('en')} (${Math.round(n / seconds).toLocaleString('en')}/s)` : null
      })
      .filter(Boolean)
      .join(' · ')
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${Math.floor(share * 100)}% villages ${villages}/${totalVillages} · ${tables} · all ${Math.round(total / seconds).toLocaleString('en')} rows/s · ${seconds.toFixed(0)}s`
  }
  const draw = (force = false) => {
    if (isSilent) return
    const now = Date.now()
    if (!force && now - lastDrawn < interval) return
    lastDrawn = now
    stream.write(isTty ? `\r\x1b[2K${line()}` : `${line()}\n`)
  }

  return {
    rows: (table, count) => {
      counts.set(table, (counts.get(table) ?? 0) + count)
      draw()
    },
    villagesDone: (done) => {
      villages = done
      draw()
    },
    done: () => {
      draw(true)
      if (isTty && !isSilent) stream.write('\n')
    },
  }
}
