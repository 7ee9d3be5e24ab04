// What the 工作台 asks for on a staff member's first screen. Shared by the page and by the launch
// prefetch (launch-prefetch.ts), so that both make the very same queries (the same cache keys).
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query'
import type { AppRouter } from './trpc'

type Trpc = TRPCOptionsProxy<AppRouter>

export const staffDashboardQueries = (trpc: Trpc) =>
  ({
    summary: trpc.stats.summary.queryOptions({ top: 5 }),
    overdueNeeds: trpc.need.list.queryOptions({ isOverdue: true, limit: 5 }),
  }) as const
