// Records a donation (捐赠): cash, or goods valued line by line, from an org or a named outside
// donor, to a village, a household or a resident cadre, optionally as part of an activity.

import type { TCreateDonationRequest, TDonationFields } from '../../../common/contracts/donation/create-donation'
import { dateOnlyToDate } from '../../../common/dates'
import { goodsLineValueFen, goodsValueFen } from '../../../common/goods'
import { fieldError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { liveOn } from '../auth/periods'
import { assertRecordsOpen } from '../households/household-open'
import type { RetryKey } from '../idempotency'
import { reachesVillage } from '../scope'
import type { ServiceContext } from '../service-context'
import { assertDonationActivity } from './assert-donation-activity'
import { toRecordedDonationView } from './donation-views'
import { type DonationRow, donationRow, writeDonation } from './write-donation'

const resolveDonorName = async (ctx: ServiceContext, input: TDonationFields) => {
  if (!input.donorOrgId) return input.donorName as string
  const org = await ctx.db.org.findUnique({ where: { id: input.donorOrgId }, select: { name: true, closedAt: true } })
  if (!org) throw fieldError('donorOrgId', '所选的捐赠单位不存在')
  if (org.closedAt) throw fieldError('donorOrgId', '该单位已撤销，请选择其他捐赠单位，或填写捐赠人名称')
  return org.name
}

const assertRecipient = async (ctx: ServiceContext, input: TDonationFields) => {
  if (!(await reachesVillage(ctx.db, ctx.actor, input.villageId))) {
    throw fieldError('villageId', '所选的村不存在或不在您的帮扶范围内')
  }
  if (input.recipientKind === 'HOUSEHOLD') {
    const household = await ctx.db.household.findFirst({
      where: { id: input.householdId ?? '', villageId: input.villageId },
      select: { id: true },
    })
    if (!household) throw fieldError('householdId', '所选的困难户不在该村')
    await assertRecordsOpen(ctx.db, household.id)
  }
  if (input.recipientKind === 'CADRE') {
    const assignment = await ctx.db.cadreVillage.findFirst({
      where: { userId: input.cadreUserId ?? '', villageId: input.villageId, user: { isActive: true }, ...liveOn() },
      select: { id: true },
    })
    if (!assignment) throw fieldError('cadreUserId', '所选人员不是该村的驻村干部')
  }
  if (input.activityId) await assertDonationActivity(ctx, input.activityId, input.villageId)
}

/** Checks a donation and makes the row to write: its id, timestamps and goods lines' values. */
export const checkedDonation = async (ctx: ServiceContext, input: TDonationFields): Promise<DonationRow> => {
  const donorName = await resolveDonorName(ctx, input)
  await assertRecipient(ctx, input)
  await assertNewId(input.id, (id) => ctx.db.donation.findUnique({ where: { id }, select: { id: true } }))
  const amountFen = input.kind === 'CASH' ? (input.amountFen ?? 0) : goodsValueFen(input.goods)
  return donationRow(
    {
      id: input.id,
      donorOrgId: input.donorOrgId ?? null,
      donorName,
      recipientKind: input.recipientKind,
      villageId: input.villageId,
      householdId: input.recipientKind === 'HOUSEHOLD' ? (input.householdId ?? null) : null,
      cadreUserId: input.recipientKind === 'CADRE' ? (input.cadreUserId ?? null) : null,
      activityId: input.activityId ?? null,
      kind: input.kind,
      amountFen: BigInt(amountFen),
      receivedOn: dateOnlyToDate(input.receivedOn),
      note: input.note ?? null,
      goods: input.goods.map((line) => ({
        item: line.item,
        quantity: line.quantity,
        unit: line.unit,
        unitValueFen: BigInt(line.unitValueFen),
        valueFen: BigInt(goodsLineValueFen(line)),
      })),
    },
    ctx.actor.userId,
  )
}

/** Checks and writes one donation, with its goods lines and audit entry; returns its id. */
export const insertDonation = async (ctx: ServiceContext, input: TDonationFields): Promise<string> => {
  const row = await checkedDonation(ctx, input)
  await writeDonation(ctx, row, null)
  return row.id
}

/**
 * donation.create: the donation as recorded. It is written in one statement with the call's
 * retry key (`meta.writesInOneStatement`); the answer is made from the row before the write, since
 * the key stores it, so it holds ids, not the names donation.get joins in.
 */
export const createDonation = async ({
  ctx,
  input,
  retryKey,
}: {
  ctx: ServiceContext
  input: TCreateDonationRequest
  retryKey: RetryKey | null
}) => {
  const row = await checkedDonation(ctx, input)
  const answer = toRecordedDonationView(row)
  await writeDonation(ctx, row, retryKey && { key: retryKey, result: answer })
  return answer
}
