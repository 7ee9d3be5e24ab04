// What a synced item changed, as the app's query keys: the routers whose lists and details show it.
const AFFECTED: Record<string, string[]> = {
  activity: ['activity', 'stats'],
  visit: ['visit', 'activity', 'household', 'need', 'stats'],
  donation: ['donation', 'activity', 'household', 'stats'],
  // The 户主 name shows on needs, visits and donations too.
  household: ['household', 'need', 'visit', 'donation', 'stats'],
  need: ['need', 'household', 'stats'],
  // A resident's need is one the cadres' lists show.
  resident: ['resident', 'need', 'household', 'stats'],
  // A 签收 or a dispute (which becomes a need) shows on the handover lists and the needs board.
  handover: ['handover', 'need', 'donation'],
}

export const affectedRouters = (procedure: string): string[] => {
  const root = procedure.split('.')[0] ?? procedure
  return AFFECTED[root] ?? [root]
}

/** The key @trpc/tanstack-react-query gives a router (what `trpc.activity.pathKey()` returns). */
export const routerQueryKey = (router: string) => [[router]]
