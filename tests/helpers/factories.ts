// Inputs with sensible defaults, overridable field by field.
import { randomUUID } from 'node:crypto'
import type { TCreateActivityRequest } from '../../common/contracts/activity/create-activity'
import type { TCreateDonationRequest } from '../../common/contracts/donation/create-donation'
import type { TCreateHouseholdRequest } from '../../common/contracts/household/create-household'
import { fakeIdNumber, fakePhone } from '../../prisma/seed/fake-identity'

let sequence = 100

type MemberInput = TCreateHouseholdRequest['members'][number]

/** A member: the household's head, with a chronic illness, partly able to work, not in school. */
export const memberInput = (name: string, overrides: Partial<MemberInput> = {}): MemberInput => ({
  name,
  relationship: 'HEAD',
  health: { status: 'CHRONIC_ILLNESS', detail: '高血压' },
  laborCapacity: 'PARTIAL',
  schoolStatus: 'NOT_IN_SCHOOL',
  ...overrides,
})

export const householdInput = (
  villageId: string,
  overrides: Partial<TCreateHouseholdRequest> = {},
): TCreateHouseholdRequest => {
  sequence += 2
  const idNumber = fakeIdNumber('1966-06-06', sequence % 1000)
  return {
    villageId,
    code: `T-${sequence}`,
    headName: `测试户主${sequence}`,
    idNumber,
    phone: fakePhone(sequence),
    householdType: 'POVERTY_ALLEVIATED',
    category: 'MARGINAL',
    helpMeasures: [],
    members: [memberInput(`测试户主${sequence}`, { idNumber })],
    risks: [{ code: 'ILLNESS', identifiedMonth: '202401', isEliminated: false }],
    ...overrides,
  }
}

export const activityInput = (
  organiserOrgId: string,
  overrides: Partial<TCreateActivityRequest> = {},
): TCreateActivityRequest => ({
  kind: 'THEMED_PARTY_DAY',
  theme: '测试主题党日',
  heldOn: '2025-02-20',
  organiserOrgId,
  participantOrgIds: [],
  expectedCount: 10,
  presentCount: 10,
  absences: [],
  status: 'PUBLISHED',
  ...overrides,
})

export const cashDonationInput = (
  villageId: string,
  amountFen: number,
  overrides: Partial<TCreateDonationRequest> = {},
): TCreateDonationRequest => ({
  donorName: '爱心人士',
  recipientKind: 'VILLAGE',
  villageId,
  kind: 'CASH',
  amountFen,
  goods: [],
  receivedOn: '2025-02-20',
  ...overrides,
})

export const newClientMutationId = () => randomUUID()

/** A form sent again to save a record: the record's id and the version it was loaded at, with `changes`. */
export const editOf = <F extends object, C extends object = Record<never, never>>(
  record: { id: string; version: number },
  form: F,
  changes?: C,
) => ({ ...form, id: record.id, version: record.version, ...changes }) as F & C & { id: string; version: number }
