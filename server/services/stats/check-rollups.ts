// The statistics rollups, and what live draws took from each donation (对账's kept totals), checked
// against a recount from the base tables (stats_diff() and drawn_totals_diff(), the database's own
// functions): `npm run stats:recount -- --check` by hand, and the stats-check job on
// STATS_CHECK_SCHEDULE. Both are kept by the database itself; a difference means they must be
// rebuilt (`npm run stats:recount`).
import type { Db } from '../../db/client'

export type RollupDifference = { rollup: string; kept: string | null; recounted: string | null }

export const rollupDifferences = (db: Db): Promise<RollupDifference[]> =>
  db.$queryRaw<RollupDifference[]>`SELECT * FROM stats_diff() UNION ALL SELECT * FROM drawn_totals_diff()`
