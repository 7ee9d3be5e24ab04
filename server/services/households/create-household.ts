import type { TCreateHouseholdRequest } from '../../../common/contracts/household/create-household'
import { dateOnlyToDate } from '../../../common/dates'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { getHousehold } from './get-household'
import { assertHouseholdKeysFree, assertKeepsRecords, householdColumns, memberData, riskData } from './household-writes'

/**
 * Writes the household with every check, sealed and audited, and returns its id. The roster
 * import (services/imports) writes each row through this, so both paths are one.
 */
export const insertHousehold = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TCreateHouseholdRequest
}): Promise<string> => {
  await assertKeepsRecords(ctx, input.villageId)
  await assertNewId(input.id, (id) => ctx.db.household.findUnique({ where: { id }, select: { id: true } }))
  await assertHouseholdKeysFree(ctx, { ...input, headIdNumber: input.idNumber })

  const created = await ctx.db.household.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      villageId: input.villageId,
      ...householdColumns(ctx, input),
      monitoringStartedOn: input.monitoringStartedOn ? dateOnlyToDate(input.monitoringStartedOn) : null,
      monitoringEndedOn: input.monitoringEndedOn ? dateOnlyToDate(input.monitoringEndedOn) : null,
      monitoringEndedRecordedAt: input.monitoringEndedOn ? new Date() : null,
      notes: input.notes ?? null,
      createdById: ctx.actor.userId,
      members: { createMany: { data: input.members.map((m, i) => memberData(ctx, m, i)) } },
      risks: { createMany: { data: input.risks.map(riskData) } },
    },
    include: { members: true, risks: true },
  })
  await writeAudit(ctx, { action: 'household.create', entityType: 'Household', entityId: created.id, after: created })
  return created.id
}

export const createHousehold = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateHouseholdRequest }) =>
  getHousehold({ ctx, id: await insertHousehold({ ctx, input }) })
