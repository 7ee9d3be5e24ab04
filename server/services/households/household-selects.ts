// The parts of a household that its detail page, 我的家庭 and the 花名册 all read: who the
// household is and how the 防返贫 system classes it, and its members. ID numbers and phones are
// read as their stored masks; a member's health stays sealed until the caller may open it.
import type { Prisma } from '../../generated/prisma/client'

export const householdProfileSelect = {
  code: true,
  headName: true,
  idNumberMask: true,
  phoneMask: true,
  groupName: true,
  householdType: true,
  category: true,
  incomePerCapitaFen: true,
  monitoringStartedOn: true,
} satisfies Prisma.HouseholdSelect

export const memberSelect = {
  name: true,
  relationship: true,
  idNumberMask: true,
  healthEnc: true,
  laborCapacity: true,
  schoolStatus: true,
} satisfies Prisma.HouseholdMemberSelect
