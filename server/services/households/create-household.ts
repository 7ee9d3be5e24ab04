import type { TCreateHouseholdRequest } from '../../../common/contracts/household/create-household'
import { dateOnlyToDate } from '../../../common/dates'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { getHousehold } from './get-household'
import {
  assertCodeFree,
  assertIdNumbersFree,
  assertKeepsRecords,
  assertResponsibleUserExists,
  memberData,
  riskData,
} from './household-writes'
import { sealIdNumber, sealPhone } from './personal-fields'

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
  await assertCodeFree(ctx, input.villageId, input.code)
  await assertIdNumbersFree(ctx, { headIdNumber: input.idNumber, members: input.members })
  await assertResponsibleUserExists(ctx, input.responsibleUserId)

  const idNumber = sealIdNumber(ctx.crypto, input.idNumber, 'household.idNumber')
  const phone = input.phone ? sealPhone(ctx.crypto, input.phone) : null
  const created = await ctx.db.household.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      villageId: input.villageId,
      code: input.code,
      headName: input.headName,
      idNumberEnc: idNumber.enc,
      idNumberHash: idNumber.hash,
      idNumberMask: idNumber.mask,
      phoneEnc: phone?.enc ?? null,
      phoneMask: phone?.mask ?? null,
      groupName: input.groupName ?? null,
      householdType: input.householdType,
      category: input.category,
      incomePerCapitaFen: input.incomePerCapitaFen ?? null,
      wageIncomeFen: input.wageIncomeFen ?? null,
      businessIncomeFen: input.businessIncomeFen ?? null,
      propertyIncomeFen: input.propertyIncomeFen ?? null,
      transferIncomeFen: input.transferIncomeFen ?? null,
      helpMeasures: input.helpMeasures,
      responsibleUserId: input.responsibleUserId ?? null,
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
