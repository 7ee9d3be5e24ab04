import type { TUpdateNeedRequest } from '../../../common/contracts/need/update-need'
import { dateOnlyToDate } from '../../../common/dates'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { assertRecordsOpen } from '../households/household-open'
import { keepsRecordsOf, needScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { getNeed } from './get-need'

export const updateNeed = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateNeedRequest }) => {
  const before = await ctx.db.need.findFirst({ where: { id: input.id, ...needScope(ctx.actor) } })
  if (!before) throw new AppError('NOT_FOUND')
  if (!keepsRecordsOf(ctx.actor, before.villageId)) throw new AppError('FORBIDDEN')
  await assertRecordsOpen(ctx.db, before.householdId)
  // A closed need is a record of what was asked and done; it is not edited afterwards.
  if (!OPEN_NEED_STATUSES.includes(before.status)) throw new AppError('NEED_CLOSED')
  if (before.version !== input.version) throw versionConflict(before.version)
  const { count } = await ctx.db.need.updateMany({
    where: { id: before.id, version: input.version },
    data: {
      category: input.category,
      description: input.description,
      urgency: input.urgency,
      dueOn: input.dueOn ? dateOnlyToDate(input.dueOn) : null,
      version: { increment: 1 },
    },
  })
  if (count === 0) {
    const current = await ctx.db.need.findUniqueOrThrow({ where: { id: before.id }, select: { version: true } })
    throw versionConflict(current.version)
  }
  const after = await ctx.db.need.findUniqueOrThrow({ where: { id: before.id } })
  await writeAudit(ctx, { action: 'need.update', entityType: 'Need', entityId: before.id, before, after })
  return getNeed({ ctx, id: before.id })
}
