import { z } from 'zod'
import { nameText, ZClientMutationId, ZIdNumber } from '../fields'

/** A resident proves they belong to a household with its 户主's name and ID number. */
export const ZBindHouseholdRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  headName: nameText('请填写户主姓名').min(1, '请填写户主姓名').max(30, '户主姓名不能超过 30 个字'),
  idNumber: ZIdNumber,
})
export type TBindHouseholdRequest = z.infer<typeof ZBindHouseholdRequestSchema>
