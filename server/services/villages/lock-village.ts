import { AppError } from '../../errors'
import type { ServiceContext } from '../service-context'

export type VillageRow = { id: string; version: number }

/** The village, locked for this transaction; NOT_FOUND when there is none. */
export const lockVillage = async (ctx: ServiceContext, id: string): Promise<VillageRow> => {
  const [row] = await ctx.db.$queryRaw<VillageRow[]>`
    SELECT "id", "version" FROM "Village" WHERE "id" = ${id}::uuid FOR UPDATE`
  if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这个村' })
  return row
}
