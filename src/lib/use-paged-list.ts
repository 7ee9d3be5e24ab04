// A cursor-paginated list on a tab page: pull down to refresh, scroll to the bottom for more.
import { type InfiniteData, type UseInfiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { useReachBottom } from '@tarojs/taro'
import { useRefreshOnPull } from './use-refresh-on-pull'

/** Under a list's rows: the next page loading, or the last one reached. */
export type ListFooter = 'loadingMore' | 'end' | null

type Page = { items: unknown[]; nextCursor: string | null }

export const usePagedList = <P extends Page>(
  // biome-ignore lint/suspicious/noExplicitAny: tRPC's infiniteQueryOptions carries its own key and error types.
  options: UseInfiniteQueryOptions<P, any, InfiniteData<P>, any, any>,
) => {
  const query = useInfiniteQuery(options)
  useRefreshOnPull(query)
  useReachBottom(() => {
    if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage()
  })
  const items = (query.data?.pages.flatMap((page) => page.items) ?? []) as P['items'][number][]
  const footer: ListFooter = query.isFetchingNextPage
    ? 'loadingMore'
    : items.length && !query.hasNextPage
      ? 'end'
      : null
  return { ...query, items, footer }
}
