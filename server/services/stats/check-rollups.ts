// The statistics rollups checked against a recount from the base tables (stats_diff(), the
// database's own function): `npm run stats:recount -- --check` by hand, and the stats-check job
// on STATS_CHECK_SCHEDULE. The rollups are kept by the database itself; a difference means one
// must be rebuilt (`npm run stats:recount`).
import type { Db } from '../../db/client'

export type RollupDifference = { rollup: string; kept: string | null; recounted: string | null }

export const rollupDifferences = (db: Db): Promise<RollupDifference[]> =>
  db.$queryRaw<RollupDifference[]>`SELECT * FROM stats_diff()`
