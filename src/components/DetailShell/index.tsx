// A record's own page: the page (PageShell), and in it the record once it has loaded, or why not.
import type { ReactNode } from 'react'
import { PageShell } from '../PageShell'
import { type LoadedQuery, QueryState } from '../QueryState'

type Props<T> = { query: LoadedQuery<T>; children: (data: NonNullable<T>) => ReactNode }

export const DetailShell = <T,>({ query, children }: Props<T>) => (
  <PageShell>
    <QueryState query={query}>{children}</QueryState>
  </PageShell>
)
