// Open needs past their due day in some villages, as a raw read (the summary sends it with its
// rollup reads, as one statement: db/raw-batch.ts). Need(villageId, status) serves it.
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import type { RawReader } from '../../db/raw-batch'
import { Prisma } from '../../generated/prisma/client'

/** In `villageIds`, the open needs due before `today` (YYYY-MM-DD). */
export const countOverdueNeedsIn = async (
  db: RawReader,
  villageIds: readonly string[],
  today: string,
): Promise<number> => {
  if (!villageIds.length) return 0
  const open = Prisma.raw(OPEN_NEED_STATUSES.map((status) => `'${status}'`).join(', '))
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "Need" n
     WHERE n."villageId" = ANY(${[...villageIds]}::uuid[]) AND n.status IN (${open}) AND n."dueOn" < ${today}::date`
  return row?.count ?? 0
}
