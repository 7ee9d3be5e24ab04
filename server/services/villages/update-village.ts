// Corrects a village's name, county, township or 行政区划代码. Its records stay with it. A new code
// or new names must agree with the other villages of the county and township (village-codes.ts),
// so a code moves only where no other village would be left inconsistent.
import type { TUpdateVillageRequest } from '../../../common/contracts/village/update-village'
import { versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { getVillage } from './get-village'
import { lockVillage } from './lock-village'
import { assertVillagePlace, lockVillageCodes } from './village-codes'

export const updateVillage = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateVillageRequest }) => {
  await lockVillageCodes(ctx.db)
  const village = await lockVillage(ctx, input.id)
  if (village.version !== input.version) throw versionConflict(village.version)
  await assertVillagePlace(ctx, { ...input, exceptId: village.id })
  const before = await ctx.db.village.findUniqueOrThrow({ where: { id: village.id } })
  const after = await ctx.db.village.update({
    where: { id: village.id },
    data: {
      name: input.name,
      county: input.county,
      township: input.township,
      adminCode: input.adminCode,
      version: { increment: 1 },
    },
  })
  await writeAudit(ctx, { action: 'village.update', entityType: 'Village', entityId: village.id, before, after })
  return getVillage({ ctx, id: village.id })
}
