import { z } from 'zod'
import { whenMissing, wholeRecord, ZClientMutationId, ZIdNumber, ZMobilePhone } from '../fields'
import { householdDefaults, refineHousehold, ZHouseholdFields } from './household-fields'

export const ZCreateHouseholdRequestSchema = ZHouseholdFields.extend({
  ...householdDefaults,
  clientMutationId: ZClientMutationId,
  /** A device may make the id offline, so that later queued items can refer to it. */
  id: z.uuid().optional(),
  villageId: z.uuid(whenMissing('请选择所在村')),
  idNumber: ZIdNumber,
  phone: ZMobilePhone.nullish(),
}).superRefine(...wholeRecord(refineHousehold))
export type TCreateHouseholdRequest = z.infer<typeof ZCreateHouseholdRequestSchema>
