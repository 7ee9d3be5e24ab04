// 我最近的登记: the last records the person saved on this phone (a visit, a need, a donation, a
// household, a 主题党日), shown on the 工作台 as the sign that the save went through, and opened
// from there. Kept for the account that saved them, cleared at sign-out with the session. A record
// still waiting in the offline queue is shown as such, and opens 待同步.
import Taro from '@tarojs/taro'
import { actionLabel, itemSummary } from './offline-queue/labels'
import type { QueueItem } from './offline-queue/types'
import { recentPicks } from './pickers/recent-picks'
import { routes } from './routes'
import { RECENT_RECORDS_KEY, readSession } from './session'

export type RecentRecord = {
  /** The record's id (made on the phone for a create, so the same before and after it syncs). */
  id: string
  procedure: string
  /** 登记走访 · 2026-12-06 马德林（QY-001） 大米、面粉、食用油. */
  label: string
  savedAt: number
}

type Stored = { userId: string; records: RecentRecord[] }

export const RECENT_RECORDS_SHOWN = 3

/** The creates that show, and the page each opens. */
const DETAIL_OF: Record<string, (id: string) => string> = {
  'visit.create': routes.visitDetail,
  'need.create': routes.needDetail,
  'donation.create': routes.donationDetail,
  'household.create': routes.householdDetail,
  'activity.create': routes.activityDetail,
}

const read = (): Stored => {
  const userId = readSession()?.userId ?? ''
  try {
    const stored = Taro.getStorageSync<Stored | ''>(RECENT_RECORDS_KEY)
    if (stored && stored.userId === userId && Array.isArray(stored.records)) return stored
  } catch {
    // Nothing kept.
  }
  return { userId, records: [] }
}

export const recentRecords = (): RecentRecord[] => read().records

/** The page that shows this record (its detail page; 待同步 while it waits on the phone). */
export const recordPage = (record: RecentRecord, isQueued: boolean): string =>
  isQueued ? routes.sync : (DETAIL_OF[record.procedure]?.(record.id) ?? routes.sync)

/** After a create was saved (sent, or kept to send): named from what the pickers remember. */
export const rememberRecord = (procedure: string, id: string | undefined, input: Record<string, unknown>) => {
  if (!id || !DETAIL_OF[procedure]) return
  const pickTitle = (kind: 'household' | 'org', key: string) => {
    const wanted = input[key]
    return typeof wanted === 'string' ? (recentPicks(kind).find((o) => o.id === wanted)?.title ?? null) : null
  }
  const item: QueueItem = {
    id,
    procedure,
    input,
    clientMutationId: '',
    createdAt: 0,
    attempts: 0,
    nextAttemptAt: 0,
    state: 'pending',
  }
  const summary = itemSummary(item, {
    household: pickTitle('household', 'householdId'),
    donor: pickTitle('org', 'donorOrgId'),
  })
  const label = [actionLabel(item), summary].filter(Boolean).join(' · ')
  const stored = read()
  const records = [{ id, procedure, label, savedAt: Date.now() }, ...stored.records.filter((r) => r.id !== id)].slice(
    0,
    RECENT_RECORDS_SHOWN,
  )
  try {
    Taro.setStorageSync(RECENT_RECORDS_KEY, { userId: stored.userId, records } satisfies Stored)
  } catch {
    // Storage full: the record itself is saved; only this reminder of it is not.
  }
}
