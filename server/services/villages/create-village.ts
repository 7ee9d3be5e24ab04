// 管理 → 村 → 新建: a village by its name, county, township and 行政区划代码, checked against the
// villages on record (village-codes.ts). Administrators only (adminProcedure).
import type { TCreateVillageRequest } from '../../../common/contracts/village/create-village'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { getVillage } from './get-village'
import { assertVillagePlace, lockVillageCodes } from './village-codes'

export const createVillage = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateVillageRequest }) => {
  await assertNewId(input.id, (id) => ctx.db.village.findUnique({ where: { id }, select: { id: true } }))
  await lockVillageCodes(ctx.db)
  await assertVillagePlace(ctx, input)
  const created = await ctx.db.village.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      name: input.name,
      county: input.county,
      township: input.township,
      adminCode: input.adminCode,
    },
  })
  await writeAudit(ctx, { action: 'village.create', entityType: 'Village', entityId: created.id, after: created })
  return getVillage({ ctx, id: created.id })
}
