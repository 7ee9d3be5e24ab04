// What the pickers search with no signal, kept on the phone per account: every household of each
// village the person works in, and every open org, in the compact form of compact-copy.ts.
//   - One storage key per village (WeChat allows 1 MB a key, 10 MB in all): a village of 900
//     households is ~57,000 characters. The orgs in keys of at most ORG_CHUNK_CHARS each.
//   - At most MAX_VILLAGES villages: all of a cadre's; of a secretary with more, those he opened
//     most recently (a picker opened for a village while online keeps it). The pickers and the
//     同步 page say which villages are kept, and that others are not.
//   - Refreshed while online (offline-cache.ts's prefetch, and each picker as it opens) with the
//     roster's stamp: while nothing changed the server sends no rows (refresh-copies.ts, which
//     also keeps the index). This module reads and searches them, for the forms' pickers.
//   - Cleared at sign-out with the session (session.ts removes every COPIES_KEY_PREFIX key).
import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import { decodeHouseholds, decodeOrgs, type HouseholdRow, type OrgRow } from './compact-copy'
import {
  claimCopies,
  copiesVersion,
  evict,
  orgKey,
  readIndex,
  subscribeToCopies,
  villageKey,
  writeIndex,
} from './refresh-copies'

export type VillageCopy = { rows: HouseholdRow[]; count: number; savedAt: number }
export type OrgCopy = { rows: OrgRow[]; count: number; savedAt: number }

/** Re-renders on every change of the copies (a save, a refresh, an eviction). */
export const useCopiesVersion = () => useSyncExternalStore(subscribeToCopies, copiesVersion)

// ─── Villages ───────────────────────────────────────────────────────────────────────

/** Decoded once per stamp: a search per keystroke reads the rows in memory. */
const decoded = new Map<string, { stamp: string; rows: HouseholdRow[] }>()

export const readVillageCopy = (villageId: string): VillageCopy | null => {
  const entry = readIndex().villages[villageId]
  if (!entry?.stamp) return null
  const cached = decoded.get(villageId)
  if (cached?.stamp === entry.stamp) return { rows: cached.rows, count: entry.count, savedAt: entry.savedAt }
  try {
    const text = Taro.getStorageSync<string>(villageKey(villageId))
    if (typeof text !== 'string') return null
    const rows = decodeHouseholds(text)
    decoded.set(villageId, { stamp: entry.stamp, rows })
    return { rows, count: entry.count, savedAt: entry.savedAt }
  } catch {
    return null
  }
}

/** The villages whose copies are kept, most recently opened first. */
export const keptVillageIds = (): string[] =>
  Object.entries(readIndex().villages)
    .filter(([, entry]) => entry.stamp)
    .sort(([, a], [, b]) => b.openedAt - a.openedAt)
    .map(([id]) => id)

/** A picker was opened for the village: it is among the most recent, to be kept. */
export const markVillageOpened = (villageId: string) => {
  claimCopies()
  const index = readIndex()
  const entry = index.villages[villageId]
  // Later than any other, even within the same millisecond: the order decides what is kept.
  const openedAt = Math.max(Date.now(), ...Object.values(index.villages).map((v) => v.openedAt + 1))
  index.villages[villageId] = entry ? { ...entry, openedAt } : { stamp: null, count: 0, savedAt: 0, openedAt }
  evict(index)
  writeIndex(index)
}

// ─── Orgs ───────────────────────────────────────────────────────────────────────────

let decodedOrgs: { stamp: string; rows: OrgRow[] } | null = null

export const readOrgCopy = (): OrgCopy | null => {
  const entry = readIndex().orgs
  if (!entry) return null
  if (decodedOrgs?.stamp !== entry.stamp) {
    try {
      const chunks = Array.from({ length: entry.chunks }, (_, i) => Taro.getStorageSync<string>(orgKey(i)))
      if (chunks.some((chunk) => typeof chunk !== 'string')) return null
      decodedOrgs = { stamp: entry.stamp, rows: decodeOrgs(chunks.join('\n')) }
    } catch {
      return null
    }
  }
  return { rows: decodedOrgs.rows, count: entry.count, savedAt: entry.savedAt }
}

// ─── What is kept, for the 同步 page ────────────────────────────────────────────────

export type CopiesSummary = {
  villages: { villageId: string; count: number; savedAt: number }[]
  orgs: { count: number; savedAt: number } | null
}

export const copiesSummary = (): CopiesSummary => {
  const index = readIndex()
  return {
    villages: keptVillageIds().map((villageId) => {
      const entry = index.villages[villageId]
      return { villageId, count: entry?.count ?? 0, savedAt: entry?.savedAt ?? 0 }
    }),
    orgs: index.orgs ? { count: index.orgs.count, savedAt: index.orgs.savedAt } : null,
  }
}
