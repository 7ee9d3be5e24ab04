// Shows one piece of a household's personal data in plaintext, to those who keep the village's
// records, and writes who saw what, when and why to the audit log.

import type { TRevealHouseholdFieldRequest } from '../../../common/contracts/household/reveal-household-field'
import { AppError, fieldError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { householdScope, keepsRecordsOf } from '../scope'
import type { ServiceContext } from '../service-context'

export const revealHouseholdField = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TRevealHouseholdFieldRequest
}) => {
  const household = await ctx.db.household.findFirst({
    where: { id: input.id, ...householdScope(ctx.actor) },
    select: { id: true, villageId: true, idNumberEnc: true, phoneEnc: true },
  })
  if (!household) throw new AppError('NOT_FOUND')
  if (!keepsRecordsOf(ctx.actor, household.villageId)) throw new AppError('FORBIDDEN')

  let value: string | null
  if (input.field === 'idNumber')
    value = household.idNumberEnc ? ctx.crypto.decrypt(household.idNumberEnc, 'household.idNumber') : null
  else if (input.field === 'phone')
    value = household.phoneEnc ? ctx.crypto.decrypt(household.phoneEnc, 'household.phone') : null
  else {
    if (!input.memberId) throw fieldError('memberId', '请指定家庭成员')
    const member = await ctx.db.householdMember.findFirst({
      where: { id: input.memberId, householdId: household.id },
      select: { idNumberEnc: true },
    })
    if (!member) throw new AppError('NOT_FOUND')
    value = member.idNumberEnc ? ctx.crypto.decrypt(member.idNumberEnc, 'member.idNumber') : null
  }
  await writeAudit(ctx, {
    action: 'household.reveal',
    entityType: 'Household',
    entityId: household.id,
    after: { field: input.field, memberId: input.memberId ?? null, reason: input.reason },
  })
  return { field: input.field, value }
}
