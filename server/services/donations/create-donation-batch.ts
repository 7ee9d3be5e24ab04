// Records a batch of donations in the one transaction the mutation runs in: either every row is
// written, with its audit entry, or none is. A row's error names the row (donations.3.amountFen).

import type { TCreateDonationBatchRequest } from '../../../common/contracts/donation/create-donation-batch'
import { sumFen } from '../../../common/money'
import { AppError, type FieldErrors } from '../../errors'
import type { ServiceContext } from '../service-context'
import { insertDonation } from './create-donation'

const inRow = (error: unknown, row: number): unknown => {
  if (!(error instanceof AppError) || !error.fieldErrors) return error
  const fieldErrors: FieldErrors = {}
  for (const [field, messages] of Object.entries(error.fieldErrors)) fieldErrors[`donations.${row}.${field}`] = messages
  return new AppError(error.code, {
    message: `第 ${row + 1} 笔：${error.message}`,
    fieldErrors,
    ...(error.details ? { details: error.details } : {}),
  })
}

export const createDonationBatch = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TCreateDonationBatchRequest
}) => {
  const ids: string[] = []
  for (const [row, donation] of input.donations.entries()) {
    try {
      ids.push(await insertDonation(ctx, donation))
    } catch (error) {
      throw inRow(error, row)
    }
  }
  const rows = await ctx.db.donation.findMany({ where: { id: { in: ids } }, select: { amountFen: true } })
  return { count: ids.length, ids, totalFen: sumFen(rows.map((r) => Number(r.amountFen))) }
}
