// One record a view shows: its loading and failed states (with a retry) until it has arrived, then
// the record itself, handed to `children`.
import type { ReactNode } from 'react'
import { ListState } from '../ListState'

export type LoadedQuery<T> = { data: T | undefined; isLoading: boolean; error: unknown; refetch: () => unknown }

type Props<T> = { query: LoadedQuery<T>; children: (data: NonNullable<T>) => ReactNode }

export const QueryState = <T,>({ query, children }: Props<T>): ReactNode =>
  query.data ? (
    children(query.data)
  ) : (
    <ListState
      isLoading={query.isLoading}
      error={query.error}
      isEmpty={false}
      emptyText=""
      onRetry={() => void query.refetch()}
    />
  )
