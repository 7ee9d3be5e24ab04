// The pickers' lists, a page at a time whichever their source: the server's cursor pages (an
// infinite query), or rows held on the phone, shown PAGE_SIZE more at a time as the person scrolls.
import { type InfiniteData, onlineManager, type UseInfiniteQueryResult } from '@tanstack/react-query'
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { PickerResults } from '../../components/SearchPicker'
import { appCodeOf } from '../errors'
import type { PickerOption } from './recent-picks'

export const PAGE_SIZE = 20
const TYPING_PAUSE_MS = 250

/** Whether the phone is online, as the queries see it (the offline queue sets onlineManager). */
export const useIsOnline = () =>
  useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
  )

/** What was typed, once typing pauses: one request per word, not per character. */
export const useTypedSearch = (typed: string) => {
  const [search, setSearch] = useState(typed)
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [typed])
  return search.trim()
}

/** The server could not be reached (no answer at all), as opposed to an answer that refused. */
export const isUnreachable = (error: unknown) => Boolean(error) && !appCodeOf(error)

type Page<T> = { items: T[]; nextCursor: string | null }

/** An infinite query of the server's pages, as the picker shows them. */
export const serverResults = <T>(
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>, unknown>,
  toOption: (item: T) => PickerOption,
): PickerResults => ({
  options: query.data?.pages.flatMap((page) => page.items.map(toOption)) ?? [],
  isLoading: query.isPending && query.fetchStatus !== 'idle',
  error: query.error,
  hasMore: query.hasNextPage,
  isLoadingMore: query.isFetchingNextPage,
  loadMore: () => void query.fetchNextPage(),
  retry: () => void query.refetch(),
})

/**
 * Rows held on the phone, already filtered: PAGE_SIZE more each time the person reaches the end.
 * `resetKey` (the search) starts again from the first page.
 */
export const useLocalResults = (all: readonly PickerOption[], resetKey: string): PickerResults => {
  const [shown, setShown] = useState(PAGE_SIZE)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts from its first page.
  useEffect(() => setShown(PAGE_SIZE), [resetKey])
  return {
    options: all.slice(0, shown),
    isLoading: false,
    error: null,
    hasMore: shown < all.length,
    isLoadingMore: false,
    loadMore: () => setShown((n) => n + PAGE_SIZE),
    retry: () => {},
    total: all.length,
  }
}
