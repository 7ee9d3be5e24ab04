// What creating and updating a household share: who may write, duplicate checks, and turning
// the form's members and risks into rows with their personal data sealed.

import type { THouseholdMemberInput, THouseholdRiskInput } from '../../../common/contracts/household/household-fields'
import type { TUpdateHouseholdRequest } from '../../../common/contracts/household/update-household'
import { AppError, fieldError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import type { FieldPurpose } from '../../lib/field-crypto'
import { liveOn } from '../auth/periods'
import { keepsRecordsOf } from '../scope'
import type { ServiceContext } from '../service-context'
import { sealHealth, sealIdNumber, sealPhone } from './personal-fields'

/** Household records are kept by the village's cadres (and admins). */
export const assertKeepsRecords = async (ctx: ServiceContext, villageId: string) => {
  if (!keepsRecordsOf(ctx.actor, villageId)) throw new AppError('FORBIDDEN')
  const village = await ctx.db.village.findUnique({ where: { id: villageId }, select: { id: true } })
  if (!village) throw fieldError('villageId', '所选的村不存在')
}

const assertResponsibleUserExists = async (ctx: ServiceContext, userId: string | null | undefined) => {
  if (!userId) return
  const user = await ctx.db.user.findFirst({ where: { id: userId, isActive: true, memberships: { some: liveOn() } } })
  if (!user) throw fieldError('responsibleUserId', '所选的帮扶责任人不存在或已停用')
}

const assertCodeFree = async (ctx: ServiceContext, villageId: string, code: string, exceptId?: string) => {
  const taken = await ctx.db.household.findFirst({
    where: { villageId, code, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  })
  if (taken) throw new AppError('HOUSEHOLD_CODE_TAKEN', { fieldErrors: { code: ['本村已有相同户编号的家庭'] } })
}

/**
 * One person, one household: an ID number may appear once in the form (the 户主 may also be
 * listed among the members) and in no other household, as head or member. No index can say that
 * across heads and members, so two saves with the same number are serialised by an advisory lock
 * on it, held to the end of the transaction: the second checks after the first has committed.
 */
const assertIdNumbersFree = async (
  ctx: ServiceContext,
  {
    headIdNumber,
    members,
    exceptHouseholdId,
  }: { headIdNumber?: string | undefined; members: THouseholdMemberInput[]; exceptHouseholdId?: string },
) => {
  const seen = new Map<string, string>()
  if (headIdNumber) seen.set(headIdNumber, 'idNumber')
  members.forEach((member, i) => {
    if (!member.idNumber) return
    const first = seen.get(member.idNumber)
    const isHeadListedAgain = first === 'idNumber' && member.relationship === 'HEAD'
    if (first && !isHeadListedAgain) throw fieldError(`members.${i}.idNumber`, '同一身份证号码在本户中重复填写')
    seen.set(member.idNumber, `members.${i}.idNumber`)
  })
  if (!seen.size) return
  // Under every known key, so that rows a key rotation has not reached yet still count.
  const hashes = [...seen.keys()].flatMap((value) => ctx.crypto.blindIndexes(value, 'idNumber'))
  // In one order everywhere, so that two saves never wait on each other in a cycle.
  for (const hash of [...new Set(hashes)].sort()) {
    await ctx.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`idNumber:${hash}`}, 0))`
  }
  const other = exceptHouseholdId ? { id: { not: exceptHouseholdId } } : {}
  const clash = await ctx.db.household.findFirst({
    where: {
      ...other,
      OR: [{ idNumberHash: { in: hashes } }, { members: { some: { idNumberHash: { in: hashes } } } }],
    },
    select: {
      idNumberHash: true,
      members: { where: { idNumberHash: { in: hashes } }, select: { idNumberHash: true } },
    },
  })
  if (!clash) return
  const clashing = new Set([clash.idNumberHash, ...clash.members.map((m) => m.idNumberHash)])
  const field = [...seen.entries()].find(([value]) =>
    ctx.crypto.blindIndexes(value, 'idNumber').some((hash) => clashing.has(hash)),
  )?.[1]
  throw new AppError('HOUSEHOLD_ID_NUMBER_TAKEN', {
    fieldErrors: { [field ?? 'idNumber']: ['该身份证号码已登记在其他家庭中'] },
  })
}

/**
 * What the form names that other records hold: its 户编号 free in the village, its ID numbers in
 * no other household, its 帮扶责任人 an active person. `exceptHouseholdId`: the household saved.
 */
export const assertHouseholdKeysFree = async (
  ctx: ServiceContext,
  input: {
    villageId: string
    code: string
    headIdNumber?: string | undefined
    members: THouseholdMemberInput[]
    responsibleUserId?: string | null | undefined
    exceptHouseholdId?: string
  },
) => {
  await assertCodeFree(ctx, input.villageId, input.code, input.exceptHouseholdId)
  await assertIdNumbersFree(ctx, input)
  await assertResponsibleUserExists(ctx, input.responsibleUserId)
}

/** An ID number's columns, sealed: the 户主's or a member's (`purpose`). */
const idNumberColumns = (ctx: ServiceContext, idNumber: string, purpose: FieldPurpose) => {
  const sealed = sealIdNumber(ctx.crypto, idNumber, purpose)
  return { idNumberEnc: sealed.enc, idNumberHash: sealed.hash, idNumberMask: sealed.mask }
}

type HouseholdColumnsInput = Omit<
  TUpdateHouseholdRequest,
  'clientMutationId' | 'id' | 'version' | 'members' | 'risks' | 'monitoringStartedOn' | 'monitoringEndedOn'
>

/**
 * The household's own columns from the form, the 户主's ID number and phone sealed (an ID number
 * left out is not written: the form only ever shows it masked). Prisma leaves a field that is
 * undefined alone: a new household gets the column's default, an update keeps the stored value;
 * null clears it.
 */
export const householdColumns = (ctx: ServiceContext, input: HouseholdColumnsInput) => {
  const phone = input.phone ? sealPhone(ctx.crypto, input.phone) : null
  return {
    code: input.code,
    headName: input.headName,
    ...(input.idNumber ? idNumberColumns(ctx, input.idNumber, 'household.idNumber') : {}),
    ...(input.phone === undefined ? {} : { phoneEnc: phone?.enc ?? null, phoneMask: phone?.mask ?? null }),
    groupName: input.groupName,
    householdType: input.householdType,
    category: input.category,
    incomePerCapitaFen: input.incomePerCapitaFen,
    wageIncomeFen: input.wageIncomeFen,
    businessIncomeFen: input.businessIncomeFen,
    propertyIncomeFen: input.propertyIncomeFen,
    transferIncomeFen: input.transferIncomeFen,
    helpMeasures: input.helpMeasures,
    responsibleUserId: input.responsibleUserId,
    notes: input.notes,
  }
}

/**
 * A member's row: a new member's, or an existing member's changes. An ID number left out of the
 * form is not written, so an existing member keeps the one stored.
 */
export const memberData = (
  ctx: ServiceContext,
  member: THouseholdMemberInput,
  index: number,
): Omit<Prisma.HouseholdMemberCreateManyInput, 'householdId'> => ({
  name: member.name,
  relationship: member.relationship,
  ...(member.idNumber ? idNumberColumns(ctx, member.idNumber, 'member.idNumber') : {}),
  healthEnc: sealHealth(ctx.crypto, { status: member.health.status, detail: member.health.detail ?? null }),
  laborCapacity: member.laborCapacity,
  schoolStatus: member.schoolStatus,
  workInfo: member.workInfo ?? null,
  sortOrder: index,
})

export const riskData = (risk: THouseholdRiskInput): Omit<Prisma.HouseholdRiskCreateManyInput, 'householdId'> => ({
  code: risk.code,
  identifiedMonth: risk.identifiedMonth,
  isEliminated: risk.isEliminated,
  eliminatedMonth: risk.isEliminated ? (risk.eliminatedMonth ?? null) : null,
  eliminationMethod: risk.isEliminated ? (risk.eliminationMethod ?? null) : null,
})
