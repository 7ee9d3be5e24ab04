// A paged list (usePagedList) on a tab: its rows in one section, headed by the records saved on
// this phone that the server does not list yet (useUnsynced), marked 未同步; and besides them
// what ListState shows: loading, failed (with a retry), empty (with what to do next), or under the
// rows 正在加载更多… / 已经到底了.
import { View } from '@tarojs/components'
import type { PropsWithChildren, ReactNode } from 'react'
import { UnsyncedCell } from '../../lib/offline-queue/unsynced-tag'
import { notListed, type Unsynced, type UnsyncedCreated } from '../../lib/offline-queue/use-unsynced'
import type { ListFooter } from '../../lib/use-paged-list'
import { ListState } from '../ListState'
import './index.scss'

type Row = { title: string; description: string }

type Props<R extends Row> = PropsWithChildren<{
  list: {
    items: readonly { id: string }[]
    isLoading: boolean
    error: unknown
    footer: ListFooter
    refetch: () => unknown
  }
  emptyText: string
  unsynced?: Unsynced<R>
  /** What an unsynced row shows beside its mark, as the list's own rows do (an amount, a category). */
  unsyncedBadge?: (row: UnsyncedCreated<R>) => ReactNode
  /** A tap on an unsynced row: 待同步 unless given. */
  onOpenUnsynced?: (row: UnsyncedCreated<R>) => void
}>

export const PagedList = <R extends Row>({
  list,
  emptyText,
  unsynced,
  unsyncedBadge,
  onOpenUnsynced,
  children,
}: Props<R>) => {
  const created = unsynced ? notListed(unsynced.created, list.items) : []
  const isEmpty = !list.items.length && !created.length
  return (
    <>
      {isEmpty ? null : (
        <View className="section">
          {created.map((row) => (
            <UnsyncedCell
              key={row.itemId}
              row={row}
              badge={unsyncedBadge?.(row)}
              onClick={onOpenUnsynced ? () => onOpenUnsynced(row) : undefined}
            />
          ))}
          {children}
        </View>
      )}
      <ListState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={isEmpty}
        emptyText={emptyText}
        onRetry={() => void list.refetch()}
        footer={list.footer}
      />
    </>
  )
}
