// Moves a need one step along its workflow (common/need-workflow.ts) and appends the step to its
// timeline. A move the workflow does not allow is refused, saying which moves are allowed.

import type { TTransitionNeedRequest } from '../../../common/contracts/need/transition-need'
import { NEED_STATUS_LABELS } from '../../../common/enums'
import { findNeedTransition, NEED_TRANSITIONS } from '../../../common/need-workflow'
import { AppError, type FieldErrors, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { assertRecordsOpen } from '../households/household-open'
import { queueNeedStatusNotice } from '../notices/queue-need-notice'
import { keepsRecordsOf, needScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { getNeed } from './get-need'

const REQUIREMENT_MESSAGES = {
  note: '请填写办理说明',
  responsibleUnit: '请填写责任单位',
  satisfaction: '请选择群众满意度',
} as const

export const transitionNeed = async ({ ctx, input }: { ctx: ServiceContext; input: TTransitionNeedRequest }) => {
  const need = await ctx.db.need.findFirst({ where: { id: input.id, ...needScope(ctx.actor) } })
  if (!need) throw new AppError('NOT_FOUND')
  if (!keepsRecordsOf(ctx.actor, need.villageId)) throw new AppError('FORBIDDEN')
  await assertRecordsOpen(ctx.db, need.householdId)
  if (need.version !== input.version) throw versionConflict(need.version)

  const rule = findNeedTransition(need.status, input.to)
  if (!rule) {
    const allowed = NEED_TRANSITIONS[need.status].map((r) => r.action)
    throw new AppError('NEED_ILLEGAL_TRANSITION', {
      message: `诉求当前为「${NEED_STATUS_LABELS[need.status]}」，不能改为「${NEED_STATUS_LABELS[input.to]}」。${
        allowed.length ? `可以进行：${allowed.join('、')}` : '这条诉求已经办结，无需再操作'
      }`,
      details: { from: need.status, to: input.to, allowed: NEED_TRANSITIONS[need.status].map((r) => r.to) },
    })
  }
  const missing: FieldErrors = {}
  for (const requirement of rule.requires) {
    if (input[requirement] === undefined || input[requirement] === '')
      missing[requirement] = [REQUIREMENT_MESSAGES[requirement]]
  }
  const [firstMissing] = Object.values(missing)
  if (firstMissing) throw new AppError('VALIDATION_FAILED', { message: firstMissing[0], fieldErrors: missing })

  const now = new Date()
  const { count } = await ctx.db.need.updateMany({
    where: { id: need.id, version: input.version, status: need.status },
    data: {
      status: input.to,
      version: { increment: 1 },
      ...(input.to === 'TRANSFERRED' ? { responsibleUnit: input.responsibleUnit ?? null } : {}),
      ...(input.to === 'RESOLVED' ? { resolvedAt: now } : {}),
      ...(input.to === 'FOLLOWED_UP' ? { satisfaction: input.satisfaction ?? null, closedAt: now } : {}),
      ...(input.to === 'REJECTED' ? { closedAt: now } : {}),
    },
  })
  if (count === 0) {
    const current = await ctx.db.need.findUniqueOrThrow({ where: { id: need.id }, select: { version: true } })
    throw versionConflict(current.version)
  }
  const note = [
    input.responsibleUnit && input.to === 'TRANSFERRED' ? `转交：${input.responsibleUnit}` : null,
    input.note || null,
  ]
    .filter(Boolean)
    .join('；')
  const event = await ctx.db.needEvent.create({
    data: {
      needId: need.id,
      actorId: ctx.actor.userId,
      fromStatus: need.status,
      toStatus: input.to,
      note: note || null,
    },
    select: { id: true },
  })
  await queueNeedStatusNotice(ctx, { need, eventId: event.id, to: input.to, at: now })
  await writeAudit(ctx, {
    action: 'need.transition',
    entityType: 'Need',
    entityId: need.id,
    before: { status: need.status, version: need.version },
    after: {
      status: input.to,
      version: need.version + 1,
      note: note || null,
      satisfaction: input.satisfaction ?? null,
    },
  })
  return getNeed({ ctx, id: need.id })
}
