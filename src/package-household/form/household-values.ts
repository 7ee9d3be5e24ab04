// The household form's values, as the cadre types them: from a saved record, and to the request
// that create and update share (the ID number and phone are added by each, as they differ).
import type {
  HealthStatus,
  HelpMeasure,
  HouseholdCategory,
  HouseholdType,
  LaborCapacity,
  Relationship,
  RiskCode,
  RiskEliminationMethod,
  SchoolStatus,
} from '../../../common/enums'
import type { RouterOutputs } from '../../lib/api-types'

export type Member = {
  id?: string
  name: string
  relationship: Relationship
  idNumber: string
  idNumberMasked: string | null
  healthStatus: HealthStatus | null
  healthDetail: string
  laborCapacity: LaborCapacity
  schoolStatus: SchoolStatus
  workInfo: string
}

export type Risk = {
  code: RiskCode | null
  identifiedMonth: string
  isEliminated: boolean
  eliminatedMonth: string
  eliminationMethod: RiskEliminationMethod | null
}

export type HouseholdValues = {
  villageId: string | null
  code: string
  headName: string
  idNumber: string
  phone: string
  groupName: string
  householdType: HouseholdType
  category: HouseholdCategory | null
  incomePerCapitaFen: number | undefined
  helpMeasures: HelpMeasure[]
  responsibleUserId: string | null
  monitoringStartedOn: string | null
  notes: string
  members: Member[]
  risks: Risk[]
}

export const newMember = (relationship: Relationship): Member => ({
  name: '',
  relationship,
  idNumber: '',
  idNumberMasked: null,
  healthStatus: null,
  healthDetail: '',
  laborCapacity: 'ABLE',
  schoolStatus: 'NOT_IN_SCHOOL',
  workInfo: '',
})

export const newRisk = (): Risk => ({
  code: null,
  identifiedMonth: '',
  isEliminated: false,
  eliminatedMonth: '',
  eliminationMethod: null,
})

/** A new household: its 户主 to fill in first. */
export const blankHousehold = (): HouseholdValues => ({
  villageId: null,
  code: '',
  headName: '',
  idNumber: '',
  phone: '',
  groupName: '',
  householdType: 'POVERTY_ALLEVIATED',
  category: null,
  incomePerCapitaFen: undefined,
  helpMeasures: [],
  responsibleUserId: null,
  monitoringStartedOn: null,
  notes: '',
  members: [newMember('HEAD')],
  risks: [],
})

/** A saved household, to edit. ID numbers and the phone are masked: typing one replaces it. */
export const valuesOf = (h: RouterOutputs['household']['byId']): HouseholdValues => ({
  villageId: h.village.id,
  code: h.code,
  headName: h.headName,
  idNumber: '',
  phone: '',
  groupName: h.groupName ?? '',
  householdType: h.householdType,
  category: h.category,
  incomePerCapitaFen: h.incomePerCapitaFen ?? undefined,
  helpMeasures: h.helpMeasures,
  responsibleUserId: h.responsibleUser?.id ?? null,
  monitoringStartedOn: h.monitoringStartedOn,
  notes: h.notes ?? '',
  members: h.members.map(({ health, workInfo, ...member }) => ({
    ...member,
    idNumber: '',
    healthStatus: health?.status ?? null,
    healthDetail: health?.detail ?? '',
    workInfo: workInfo ?? '',
  })),
  risks: h.risks.map((risk) => ({ ...risk, eliminatedMonth: risk.eliminatedMonth ?? '' })),
})

/** What household.create and household.update both take, before the schema checks it. */
export const householdInput = (values: HouseholdValues) => ({
  code: values.code,
  headName: values.headName,
  groupName: values.groupName || null,
  householdType: values.householdType,
  category: values.category ?? undefined,
  incomePerCapitaFen: values.incomePerCapitaFen ?? null,
  helpMeasures: values.helpMeasures,
  responsibleUserId: values.responsibleUserId,
  monitoringStartedOn: values.monitoringStartedOn,
  notes: values.notes || null,
  members: values.members.map((m) => ({
    ...(m.id ? { id: m.id } : {}),
    name: m.name,
    relationship: m.relationship,
    ...(m.idNumber ? { idNumber: m.idNumber } : {}),
    ...(m.healthStatus ? { health: { status: m.healthStatus, detail: m.healthDetail || null } } : {}),
    laborCapacity: m.laborCapacity,
    schoolStatus: m.schoolStatus,
    workInfo: m.workInfo || null,
  })),
  risks: values.risks.map((r) => ({
    code: r.code ?? undefined,
    identifiedMonth: r.identifiedMonth,
    isEliminated: r.isEliminated,
    eliminatedMonth: r.isEliminated ? r.eliminatedMonth || null : null,
    eliminationMethod: r.isEliminated ? r.eliminationMethod : null,
  })),
})
