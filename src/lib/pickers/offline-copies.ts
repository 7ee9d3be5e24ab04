// What the pickers search with no signal, kept on the phone per account: every household of each
// village the person works in, and every open org, in the compact form of compact-copy.ts.
//   - One storage key per village (WeChat allows 1 MB a key, 10 MB in all): a village of 900
//     households is ~57,000 characters. The orgs in keys of at most ORG_CHUNK_CHARS each.
//   - At most MAX_VILLAGES villages: all of a cadre's; of a secretary with more, those he opened
//     most recently (a picker opened for a village while online keeps it). The pickers and the
//     同步 page say which villages are kept, and that others are not.
//   - Refreshed while online (offline-cache.ts's prefetch, and each picker as it opens) with the
//     roster's stamp: while nothing changed the server sends no rows.
//   - Cleared at sign-out with the session (session.ts removes every COPIES_KEY_PREFIX key).
import Taro from '@tarojs/taro'
import type { TRPCClient } from '@trpc/client'
import { useSyncExternalStore } from 'react'
import type { AppRouter } from '../api-types'
import { appCodeOf } from '../errors'
import { COPIES_KEY_PREFIX, readSession } from '../session'
import {
  decodeHouseholds,
  decodeOrgs,
  encodeHouseholds,
  encodeOrgs,
  type HouseholdRow,
  type OrgRow,
} from './compact-copy'

export const MAX_VILLAGES = 10
/** The first page of the orgs one may organise for, kept for use offline (offline-cache.ts). */
export const ORGANISABLE_KEPT = 100
const ORG_CHUNK_CHARS = 400_000

const INDEX_KEY = `${COPIES_KEY_PREFIX}index`
const villageKey = (villageId: string) => `${COPIES_KEY_PREFIX}village.${villageId}`
const orgKey = (chunk: number) => `${COPIES_KEY_PREFIX}orgs.${chunk}`

type VillageEntry = {
  /** The roster's stamp the copy was made with; null: opened, not fetched yet. */
  stamp: string | null
  count: number
  /** When the copy was last found current (ms). */
  savedAt: number
  /** When a picker was last opened for the village (ms): the most recent are kept. */
  openedAt: number
}
type OrgEntry = { stamp: string; count: number; savedAt: number; chunks: number }
type CopyIndex = { userId: string; villages: Record<string, VillageEntry>; orgs: OrgEntry | null }

export type VillageCopy = { rows: HouseholdRow[]; count: number; savedAt: number }
export type OrgCopy = { rows: OrgRow[]; count: number; savedAt: number }

// ─── The index, and who listens to it ───────────────────────────────────────────────

const listeners = new Set<() => void>()
let version = 0
const changed = () => {
  version += 1
  for (const listener of listeners) listener()
}

const readIndex = (): CopyIndex => {
  const userId = readSession()?.userId ?? ''
  try {
    const stored = Taro.getStorageSync<CopyIndex | ''>(INDEX_KEY)
    if (stored && stored.userId === userId) return stored
  } catch {
    // A damaged index is an empty one.
  }
  return { userId, villages: {}, orgs: null }
}

/** Another account's copies (its session ended without a sign-out) make room for this one's. */
const claimCopies = () => {
  try {
    const stored = Taro.getStorageSync<CopyIndex | ''>(INDEX_KEY)
    if (!stored || stored.userId === readSession()?.userId) return
    for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(COPIES_KEY_PREFIX)) Taro.removeStorageSync(key)
  } catch {
    // Nothing to claim.
  }
}

const writeIndex = (index: CopyIndex) => {
  Taro.setStorageSync(INDEX_KEY, index)
  changed()
}

/** Re-renders on every change of the copies (a save, a refresh, an eviction). */
export const useCopiesVersion = () =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => version,
  )

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

/**
 * Which of the person's villages to keep: all, up to MAX_VILLAGES; beyond that, those opened most
 * recently.
 */
export const villagesToKeep = (villageIds: readonly string[]): string[] => {
  if (villageIds.length <= MAX_VILLAGES) return [...villageIds]
  const { villages } = readIndex()
  return villageIds
    .filter((id) => villages[id])
    .sort((a, b) => (villages[b]?.openedAt ?? 0) - (villages[a]?.openedAt ?? 0))
    .slice(0, MAX_VILLAGES)
}

const dropVillage = (index: CopyIndex, villageId: string) => {
  delete index.villages[villageId]
  decoded.delete(villageId)
  Taro.removeStorageSync(villageKey(villageId))
}

/** Drops the least recently opened villages beyond MAX_VILLAGES. */
const evict = (index: CopyIndex) => {
  const byRecency = Object.entries(index.villages).sort(([, a], [, b]) => b.openedAt - a.openedAt)
  for (const [id] of byRecency.slice(MAX_VILLAGES)) dropVillage(index, id)
}

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

type Client = TRPCClient<AppRouter>

/** Asks for the village's roster (no rows while the copy is current) and keeps it. */
export const refreshVillageCopy = async (client: Client, villageId: string): Promise<void> => {
  claimCopies()
  const before = readIndex().villages[villageId]
  let answer: Awaited<ReturnType<Client['household']['roster']['query']>>
  try {
    answer = await client.household.roster.query({ villageId, stamp: before?.stamp ?? undefined })
  } catch (error) {
    // No longer the person's village: its copy goes.
    if (appCodeOf(error) === 'NOT_FOUND') {
      const index = readIndex()
      dropVillage(index, villageId)
      writeIndex(index)
    }
    throw error
  }
  const index = readIndex()
  const entry = index.villages[villageId]
  const openedAt = entry?.openedAt ?? Date.now()
  if (answer.households) {
    try {
      Taro.setStorageSync(villageKey(villageId), encodeHouseholds(answer.households))
    } catch {
      // Storage full: the pickers then need a connection in this village, and say so.
      return
    }
    decoded.delete(villageId)
    index.villages[villageId] = { stamp: answer.stamp, count: answer.households.length, savedAt: Date.now(), openedAt }
  } else if (entry) {
    index.villages[villageId] = { ...entry, savedAt: Date.now() }
  }
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

/** Splits the text at line ends into pieces of at most `size` characters. */
const chunksOf = (text: string, size: number): string[] => {
  const chunks: string[] = []
  let start = 0
  while (start < text.length) {
    let end = Math.min(text.length, start + size)
    if (end < text.length) end = text.lastIndexOf('\n', end) + 1 || end
    chunks.push(text.slice(start, end).replace(/\n$/, ''))
    start = end
  }
  return chunks
}

export const refreshOrgCopy = async (client: Client): Promise<void> => {
  claimCopies()
  const before = readIndex().orgs
  const answer = await client.org.roster.query({ stamp: before?.stamp })
  const index = readIndex()
  if (!answer.orgs) {
    if (index.orgs) writeIndex({ ...index, orgs: { ...index.orgs, savedAt: Date.now() } })
    return
  }
  const chunks = chunksOf(encodeOrgs(answer.orgs), ORG_CHUNK_CHARS)
  try {
    for (const [i, chunk] of chunks.entries()) Taro.setStorageSync(orgKey(i), chunk)
  } catch {
    return
  }
  for (let i = chunks.length; i < (before?.chunks ?? 0); i++) Taro.removeStorageSync(orgKey(i))
  decodedOrgs = null
  writeIndex({
    ...index,
    orgs: { stamp: answer.stamp, count: answer.orgs.length, savedAt: Date.now(), chunks: chunks.length },
  })
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
