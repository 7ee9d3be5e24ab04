// Records a need for a household: from a visit, at the village office, or by the resident.

import type { TCreateNeedRequest } from '../../../common/contracts/need/create-need'
import type { TNeedFields } from '../../../common/contracts/need/need-fields'
import { dateOnlyToDate } from '../../../common/dates'
import type { NeedSource } from '../../../common/enums'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import { assertRecordsOpen } from '../households/household-open'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { getNeed } from './get-need'

const SOURCE_NOTES: Record<NeedSource, string> = {
  VISIT: '走访中收集',
  RESIDENT: '群众通过小程序提交',
  CADRE: '干部登记',
}

/** Inserts the need and the first event of its timeline. Callers have checked scope. */
export const insertNeed = async (
  ctx: Pick<ServiceContext, 'actor' | 'requestId' | 'crypto'> & { db: Tx },
  {
    id,
    householdId,
    villageId,
    fields,
    source,
    visitId,
  }: {
    id?: string | undefined
    householdId: string
    villageId: string
    fields: TNeedFields
    source: NeedSource
    visitId?: string
  },
) => {
  await assertNewId(id, (needId) => ctx.db.need.findUnique({ where: { id: needId }, select: { id: true } }))
  const need = await ctx.db.need.create({
    data: {
      ...(id ? { id } : {}),
      householdId,
      villageId,
      category: fields.category,
      description: fields.description,
      urgency: fields.urgency,
      dueOn: fields.dueOn ? dateOnlyToDate(fields.dueOn) : null,
      source,
      visitId: visitId ?? null,
      createdById: ctx.actor.userId,
      events: {
        create: { actorId: ctx.actor.userId, fromStatus: null, toStatus: 'RECEIVED', note: SOURCE_NOTES[source] },
      },
    },
  })
  await writeAudit(ctx, { action: 'need.create', entityType: 'Need', entityId: need.id, after: need })
  return need
}

export const createNeed = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateNeedRequest }) => {
  const household = await ctx.db.household.findFirst({
    where: { id: input.householdId, ...householdScope(ctx.actor) },
    select: { id: true, villageId: true },
  })
  if (!household) throw new AppError('NOT_FOUND')
  await assertRecordsOpen(ctx.db, household.id)
  const need = await insertNeed(ctx, {
    id: input.id,
    householdId: household.id,
    villageId: household.villageId,
    fields: input,
    source: 'CADRE',
  })
  return getNeed({ ctx, id: need.id })
}
