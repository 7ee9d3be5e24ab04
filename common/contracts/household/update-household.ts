import { z } from 'zod'
import { wholeRecord, ZClientMutationId, ZIdNumber, ZMobilePhone, ZVersion } from '../fields'
import { refineHousehold, ZHouseholdFields } from './household-fields'

export const ZUpdateHouseholdRequestSchema = ZHouseholdFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  /** The version the form was loaded at; a newer one on the server means someone else saved. */
  version: ZVersion,
  /** Omitted: keep the stored number (the form only ever shows it masked). */
  idNumber: ZIdNumber.optional(),
  /** Omitted: keep; null: clear. */
  phone: ZMobilePhone.nullish(),
}).superRefine(...wholeRecord(refineHousehold))
export type TUpdateHouseholdRequest = z.infer<typeof ZUpdateHouseholdRequestSchema>
