// Records a need for a household: from a visit, at the village office, or by the resident.

import type { TCreateNeedRequest } from '../../../common/contracts/need/create-need'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { assertHouseholdOpen } from '../households/household-open'
import type { RetryKey } from '../idempotency'
import { householdScopeSql, keepsRecordsOf } from '../scope'
import type { ServiceContext } from '../service-context'
import { toNeedDetail } from './need-views'
import { type NeedRows, type NewNeed, needRows, writeNeed } from './write-need'

/**
 * Inserts the need and the first event of its timeline, with its audit entry. Callers have checked
 * scope (and, where it applies, that the household takes records).
 */
export const insertNeed = async (
  ctx: Pick<ServiceContext, 'actor' | 'requestId' | 'crypto'> & { db: Tx },
  need: NewNeed,
) => {
  await assertNewId(need.id, (needId) => ctx.db.need.findUnique({ where: { id: needId }, select: { id: true } }))
  const rows = needRows(need, ctx.actor.userId)
  await writeNeed(ctx, rows, { whileOpen: false, retry: null })
  return rows.need
}

type NeedTarget = {
  id: string
  villageId: string
  code: string
  headName: string
  anonymisedAt: Date | null
  villageName: string
  actorName: string
  isIdTaken: boolean
}

/**
 * In one statement, what need.create checks and answers with: the household, if the caller
 * reaches it, with its village's name; the caller's name, for the timeline; whether a need already
 * has the id the device made.
 */
const findTarget = async (ctx: ServiceContext, input: TCreateNeedRequest): Promise<NeedTarget | undefined> => {
  const [target] = await ctx.db.$queryRaw<NeedTarget[]>`
    SELECT h."id", h."villageId", h."code", h."headName", h."anonymisedAt", v."name" AS "villageName",
      (SELECT u."displayName" FROM "User" u WHERE u."id" = ${ctx.actor.userId}::uuid) AS "actorName",
      EXISTS (SELECT FROM "Need" n WHERE n."id" = ${input.id ?? null}::uuid) AS "isIdTaken"
    FROM "Household" h JOIN "Village" v ON v."id" = h."villageId"
    WHERE h."id" = ${input.householdId}::uuid AND ${householdScopeSql(ctx.actor)}`
  return target
}

/** The need as need.byId shows it, made from the rows about to be written. */
const detailOf = (ctx: ServiceContext, target: NeedTarget, { need, event }: NeedRows) =>
  toNeedDetail(
    {
      id: need.id,
      version: need.version,
      category: need.category,
      description: need.description,
      urgency: need.urgency,
      status: need.status,
      source: need.source,
      dueOn: need.dueOn,
      responsibleUnit: need.responsibleUnit,
      satisfaction: need.satisfaction,
      createdAt: need.createdAt,
      updatedAt: need.updatedAt,
      household: { id: target.id, code: target.code, headName: target.headName },
      village: { id: target.villageId, name: target.villageName },
      resolvedAt: need.resolvedAt,
      closedAt: need.closedAt,
      visit: null,
      events: [
        {
          id: event.id,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          note: event.note,
          createdAt: event.createdAt,
          actor: { id: ctx.actor.userId, displayName: target.actorName },
        },
      ],
    },
    { canTransition: keepsRecordsOf(ctx.actor, target.villageId) },
  )

/**
 * need.create: the need as need.byId shows it. It is written in one statement with the call's
 * retry key (`meta.writesInOneStatement`); the answer is made before the write, since the key
 * stores it.
 */
export const createNeed = async ({
  ctx,
  input,
  retryKey,
}: {
  ctx: ServiceContext
  input: TCreateNeedRequest
  retryKey: RetryKey | null
}) => {
  const target = await findTarget(ctx, input)
  if (!target) throw new AppError('NOT_FOUND')
  assertHouseholdOpen(target)
  if (target.isIdTaken) throw new AppError('ALREADY_RECORDED')
  const rows = needRows(
    { id: input.id, householdId: target.id, villageId: target.villageId, fields: input, source: 'CADRE' },
    ctx.actor.userId,
  )
  const answer = detailOf(ctx, target, rows)
  await writeNeed(ctx, rows, { whileOpen: true, retry: retryKey && { key: retryKey, result: answer } })
  return answer
}
