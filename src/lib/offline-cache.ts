// What the forms need to work with no signal: the branches, the villages, and each of
// the person's villages' people, fetched while online and kept on the device, so that a secretary
// can log a whole day of visits in a village without coverage. The households of those villages
// and every open org are kept apart, compactly, for the pickers (pickers/offline-copies.ts; the
// refresh is pickers/refresh-copies.ts).
//   - Kept: the results of the queries in KEPT, written (debounced) to Taro storage in the API's
//     wire format (dates stay dates), under the account that fetched them; restored at launch
//     for that account only, and removed at sign-out (session.ts clears OFFLINE_CACHE_KEY).
//   - Fetched ahead: once signed in and online, at most every PREFETCH_EVERY_MS, the villages, the
//     orgs one may organise for, and for each village the copies keep (all of a cadre's, of a
//     secretary with many those he opened lately: villagesToKeep) its households and its people.
//   - Also kept: the 工作台's figures (stats.summary: totals, months, recent activities; no one's
//     personal data), its 待办, and the first pages of the lists the person opened (主题党日, 捐赠台账,
//     困难户, 诉求), as the lists show them, so that the app opens on the last known figures and
//     lists, even offline, while the network is asked for new ones.
// The households are kept as the masked list shows them (no ID number, no phone).
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { parse, stringify } from '../../common/wire-format'
import { ORGANISABLE_KEPT, refreshOrgCopy, refreshVillageCopy, villagesToKeep } from './pickers/refresh-copies'
import { OFFLINE_CACHE_KEY, readSession } from './session'
import { useTRPC, useTRPCClient } from './trpc'

const KEPT = new Set(['auth.me', 'org.list', 'village.list', 'village.people', 'stats.summary', 'todo.list'])
/** The lists, paged as the person scrolls: their first pages are kept. */
const KEPT_LISTS = new Set(['activity.list', 'donation.list', 'household.list', 'need.list'])
const KEPT_PAGES = 2
const MAX_ENTRIES = 80
/** WeChat keeps at most 1 MB under one storage key; the newest entries that fit are kept. */
const MAX_CHARS = 900_000
const PREFETCH_EVERY_MS = 10 * 60_000

type Entry = { queryKey: unknown[]; data: unknown; updatedAt: number }
type Stored = { userId: string; entries: string }

/** 'village.people' for @trpc/tanstack-react-query's key [['village', 'people'], { input, type }]. */
const procedureOf = (queryKey: readonly unknown[]) => {
  const path = queryKey[0]
  return Array.isArray(path) ? path.join('.') : ''
}

const typeOf = (queryKey: readonly unknown[]) => (queryKey[1] as { type?: unknown } | undefined)?.type

const isKept = (queryKey: readonly unknown[]) => {
  const procedure = procedureOf(queryKey)
  if (KEPT_LISTS.has(procedure)) return typeOf(queryKey) === 'infinite' || typeOf(queryKey) === 'query'
  return KEPT.has(procedure) && typeOf(queryKey) === 'query'
}

/** A list's first pages only (a person who scrolled far keeps no more than a screenful or two). */
const firstPages = (data: unknown): unknown => {
  const paged = data as { pages?: unknown[]; pageParams?: unknown[] } | undefined
  if (!paged || !Array.isArray(paged.pages) || !Array.isArray(paged.pageParams)) return data
  return { pages: paged.pages.slice(0, KEPT_PAGES), pageParams: paged.pageParams.slice(0, KEPT_PAGES) }
}

const save = (queryClient: QueryClient) => {
  const userId = readSession()?.userId
  if (!userId) return
  const entries: Entry[] = queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.status === 'success' && isKept(query.queryKey))
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .slice(0, MAX_ENTRIES)
    .map((query) => ({
      queryKey: [...query.queryKey],
      data: firstPages(query.state.data),
      updatedAt: query.state.dataUpdatedAt,
    }))
  let text = stringify(entries)
  while (text.length > MAX_CHARS && entries.length) {
    entries.pop()
    text = stringify(entries)
  }
  try {
    Taro.setStorageSync(OFFLINE_CACHE_KEY, { userId, entries: text } satisfies Stored)
  } catch {
    // Storage full: the queue's own items matter more; the forms then need a connection.
  }
}

/**
 * At launch: what this account fetched last time, shown until (and unless) the network answers.
 * Every entry is marked invalid, so a page that shows one asks again however recent it is: the
 * copy does not know of writes made after it was saved (a donation, then a relaunch within the
 * queries' staleTime would show the old figures).
 */
export const restoreOfflineCache = (queryClient: QueryClient) => {
  try {
    const stored = Taro.getStorageSync<Stored | ''>(OFFLINE_CACHE_KEY)
    const userId = readSession()?.userId
    if (!stored || !userId || stored.userId !== userId) return
    for (const entry of parse<Entry[]>(stored.entries)) {
      if (Array.isArray(entry.queryKey))
        queryClient.setQueryData(entry.queryKey, entry.data, { updatedAt: entry.updatedAt })
    }
    void queryClient.invalidateQueries({ predicate: (query) => isKept(query.queryKey), refetchType: 'none' })
  } catch {
    // A damaged copy is only a cache.
  }
}

/** Keeps KEPT queries in storage as they succeed; returns the unsubscribe. */
export const keepOfflineCache = (queryClient: QueryClient): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || !isKept(event.query.queryKey)) return
    clearTimeout(timer)
    timer = setTimeout(() => save(queryClient), 1_000)
  })
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}

let lastPrefetchAt = 0

/** On every page of a signed-in staff member: now and then, fetch what the forms need offline. */
export const useOfflinePrefetch = (isStaff: boolean) => {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  useEffect(() => {
    if (!isStaff || Date.now() - lastPrefetchAt < PREFETCH_EVERY_MS || !readSession()) return
    lastPrefetchAt = Date.now()
    void (async () => {
      try {
        await queryClient.prefetchQuery(trpc.org.list.queryOptions({ isOrganisable: true, limit: ORGANISABLE_KEPT }))
        await refreshOrgCopy(client)
        const villages = await queryClient.fetchQuery(trpc.village.list.queryOptions())
        for (const villageId of villagesToKeep(villages.map((v) => v.id))) {
          await refreshVillageCopy(client, villageId)
          await queryClient.prefetchQuery(trpc.village.people.queryOptions({ villageId }))
        }
      } catch {
        // Offline, or signed out meanwhile: next time round.
      }
    })()
  }, [isStaff, trpc, client, queryClient])
}
