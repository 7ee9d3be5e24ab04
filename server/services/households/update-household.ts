// Saves a household form. Optimistic locking: the update only applies to the version the form
// was loaded at; under READ COMMITTED a racing save re-checks `version` after the first commits
// and finds it changed, so no update is ever lost: the loser gets VERSION_CONFLICT.

import type { TUpdateHouseholdRequest } from '../../../common/contracts/household/update-household'
import { dateOnlyToDate } from '../../../common/dates'
import { AppError, fieldError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { getHousehold } from './get-household'
import { assertHouseholdOpen } from './household-open'
import { assertHouseholdKeysFree, assertKeepsRecords, householdColumns, memberData, riskData } from './household-writes'

/** undefined keeps the stored date, null clears it. */
const dateOrKeep = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : dateOnlyToDate(value)

export const updateHousehold = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateHouseholdRequest }) => {
  const before = await ctx.db.household.findFirst({
    where: { id: input.id, ...householdScope(ctx.actor) },
    include: { members: true, risks: true },
  })
  if (!before) throw new AppError('NOT_FOUND')
  assertHouseholdOpen(before)
  await assertKeepsRecords(ctx, before.villageId)
  if (before.version !== input.version) throw versionConflict(before.version)

  const members = input.members
  const knownMemberIds = new Set(before.members.map((m) => m.id))
  members?.forEach((member, i) => {
    if (member.id && !knownMemberIds.has(member.id))
      throw fieldError(`members.${i}`, '该成员不属于这一户，请刷新后重试')
  })
  const startedOn = dateOrKeep(input.monitoringStartedOn)
  const endedOn = dateOrKeep(input.monitoringEndedOn)
  const effectiveStart = startedOn === undefined ? before.monitoringStartedOn : startedOn
  const effectiveEnd = endedOn === undefined ? before.monitoringEndedOn : endedOn
  if (effectiveStart && effectiveEnd && effectiveEnd < effectiveStart) {
    throw fieldError('monitoringEndedOn', '监测结束日期不能早于开始日期')
  }
  await assertHouseholdKeysFree(ctx, {
    villageId: before.villageId,
    code: input.code,
    headIdNumber: input.idNumber,
    members: members ?? [],
    responsibleUserId: input.responsibleUserId,
    exceptHouseholdId: before.id,
  })

  // Prisma leaves a field that is undefined alone: an omitted field keeps its value, null clears it.
  const { count } = await ctx.db.household.updateMany({
    where: { id: before.id, version: input.version },
    data: {
      ...householdColumns(ctx, input),
      monitoringStartedOn: startedOn,
      monitoringEndedOn: endedOn,
      ...(endedOn !== undefined && endedOn?.getTime() !== before.monitoringEndedOn?.getTime()
        ? { monitoringEndedRecordedAt: endedOn ? new Date() : null }
        : {}),
      version: { increment: 1 },
    },
  })
  if (count === 0) {
    const current = await ctx.db.household.findUnique({ where: { id: before.id }, select: { version: true } })
    throw versionConflict(current?.version ?? before.version)
  }

  if (members) {
    const keptIds = new Set(members.flatMap((m) => (m.id ? [m.id] : [])))
    await ctx.db.householdMember.deleteMany({ where: { householdId: before.id, id: { notIn: [...keptIds] } } })
    for (const [i, member] of members.entries()) {
      if (member.id) await ctx.db.householdMember.update({ where: { id: member.id }, data: memberData(ctx, member, i) })
      else await ctx.db.householdMember.create({ data: { ...memberData(ctx, member, i), householdId: before.id } })
    }
  }
  if (input.risks) {
    await ctx.db.householdRisk.deleteMany({ where: { householdId: before.id } })
    await ctx.db.householdRisk.createMany({
      data: input.risks.map((r) => ({ ...riskData(r), householdId: before.id })),
    })
  }

  const after = await ctx.db.household.findUniqueOrThrow({
    where: { id: before.id },
    include: { members: true, risks: true },
  })
  await writeAudit(ctx, { action: 'household.update', entityType: 'Household', entityId: before.id, before, after })
  return getHousehold({ ctx, id: before.id })
}
