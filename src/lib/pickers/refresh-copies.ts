// Keeping the pickers' copies (offline-copies.ts says what they are and why): the index of what is
// kept, and the refresh from the server while online. Apart from the reading and searching, which
// only the forms' pickers need, because the 工作台's prefetch (offline-cache.ts) refreshes the
// copies from every page: this much is in the mini-program's main package, the rest is not.
import Taro from '@tarojs/taro'
import type { TRPCClient } from '@trpc/client'
import type { AppRouter } from '../api-types'
import { appCodeOf } from '../errors'
import { COPIES_KEY_PREFIX, readSession } from '../session'
import { encodeHouseholds, encodeOrgs } from './compact-copy'

export const MAX_VILLAGES = 10
/** The first page of the orgs one may organise for, kept for use offline (offline-cache.ts). */
export const ORGANISABLE_KEPT = 100
const ORG_CHUNK_CHARS = 400_000

const INDEX_KEY = `${COPIES_KEY_PREFIX}index`
export const villageKey = (villageId: string) => `${COPIES_KEY_PREFIX}village.${villageId}`
export const orgKey = (chunk: number) => `${COPIES_KEY_PREFIX}orgs.${chunk}`

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
export type CopyIndex = { userId: string; villages: Record<string, VillageEntry>; orgs: OrgEntry | null }

// ─── The index, and who listens to it ───────────────────────────────────────────────

const listeners = new Set<() => void>()
let version = 0

/** For useSyncExternalStore: called on every change of the copies (a save, a refresh, an eviction). */
export const subscribeToCopies = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
export const copiesVersion = () => version

export const readIndex = (): CopyIndex => {
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
export const claimCopies = () => {
  try {
    const stored = Taro.getStorageSync<CopyIndex | ''>(INDEX_KEY)
    if (!stored || stored.userId === readSession()?.userId) return
    for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(COPIES_KEY_PREFIX)) Taro.removeStorageSync(key)
  } catch {
    // Nothing to claim.
  }
}

export const writeIndex = (index: CopyIndex) => {
  Taro.setStorageSync(INDEX_KEY, index)
  version += 1
  for (const listener of listeners) listener()
}

// ─── Villages ───────────────────────────────────────────────────────────────────────

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
  Taro.removeStorageSync(villageKey(villageId))
}

/** Drops the least recently opened villages beyond MAX_VILLAGES. */
export const evict = (index: CopyIndex) => {
  const byRecency = Object.entries(index.villages).sort(([, a], [, b]) => b.openedAt - a.openedAt)
  for (const [id] of byRecency.slice(MAX_VILLAGES)) dropVillage(index, id)
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
    index.villages[villageId] = { stamp: answer.stamp, count: answer.households.length, savedAt: Date.now(), openedAt }
  } else if (entry) {
    index.villages[villageId] = { ...entry, savedAt: Date.now() }
  }
  evict(index)
  writeIndex(index)
}

// ─── Orgs ───────────────────────────────────────────────────────────────────────────

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
  writeIndex({
    ...index,
    orgs: { stamp: answer.stamp, count: answer.orgs.length, savedAt: Date.now(), chunks: chunks.length },
  })
}
