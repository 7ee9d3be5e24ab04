// The domain's closed vocabularies, each with the Chinese label users know it by.
// They mirror the enums of prisma/schema.prisma (tests/server/enums.test.ts keeps them equal),
// but import nothing, so the mini-program can use them without the database client.

const keysOf = <T extends Record<string, string>>(labels: T) =>
  Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]

export const ROLE_LABELS = {
  ADMIN: '管理员',
  SECRETARY: '支部书记',
  CADRE: '驻村干部',
  MEMBER: '党员',
  RESIDENT: '村民',
} as const
export type Role = keyof typeof ROLE_LABELS
export const ROLES = keysOf(ROLE_LABELS)

export const ORG_KIND_LABELS = {
  PARTY_COMMITTEE: '党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  JOINT_BRANCH: '联合党支部',
  EXTERNAL: '外部单位',
} as const
export type OrgKind = keyof typeof ORG_KIND_LABELS
export const ORG_KINDS = keysOf(ORG_KIND_LABELS)

export const HOUSEHOLD_TYPE_LABELS = {
  POVERTY_ALLEVIATED: '脱贫户',
  ORDINARY: '一般农户',
} as const
export type HouseholdType = keyof typeof HOUSEHOLD_TYPE_LABELS
export const HOUSEHOLD_TYPES = keysOf(HOUSEHOLD_TYPE_LABELS)

export const HOUSEHOLD_CATEGORY_LABELS = {
  UNSTABLE_ALLEVIATED: '脱贫不稳定户',
  MARGINAL: '边缘易致贫户',
  SUDDEN_HARDSHIP: '突发严重困难户',
  DIBAO: '低保户',
  TEKUN: '特困户',
  OTHER: '其他',
} as const
export type HouseholdCategory = keyof typeof HOUSEHOLD_CATEGORY_LABELS
export const HOUSEHOLD_CATEGORIES = keysOf(HOUSEHOLD_CATEGORY_LABELS)

export const RISK_CODE_LABELS = {
  ILLNESS: '因病',
  DISABILITY: '因残',
  EDUCATION: '因学',
  DISASTER: '因灾',
  LABOR_SHORTAGE: '缺劳动力',
  ACCIDENT: '因意外事故',
  INDUSTRY_FAILURE: '因产业失败',
  EMPLOYMENT_UNSTABLE: '因务工就业不稳',
  OTHER: '其他',
} as const
export type RiskCode = keyof typeof RISK_CODE_LABELS
export const RISK_CODES = keysOf(RISK_CODE_LABELS)

export const RISK_ELIMINATION_METHOD_LABELS = {
  ASSISTED: '帮扶消除',
  NATURAL: '自然消除',
} as const
export type RiskEliminationMethod = keyof typeof RISK_ELIMINATION_METHOD_LABELS
export const RISK_ELIMINATION_METHODS = keysOf(RISK_ELIMINATION_METHOD_LABELS)

export const RELATIONSHIP_LABELS = {
  HEAD: '户主',
  SPOUSE: '配偶',
  SON: '之子',
  DAUGHTER: '之女',
  SON_IN_LAW: '之女婿',
  DAUGHTER_IN_LAW: '之儿媳',
  GRANDCHILD: '之孙子女',
  PARENT: '之父母',
  SIBLING: '兄弟姐妹',
  OTHER: '其他',
} as const
export type Relationship = keyof typeof RELATIONSHIP_LABELS
export const RELATIONSHIPS = keysOf(RELATIONSHIP_LABELS)

/** 健康状况, as the national 防返贫 system records it. */
export const HEALTH_STATUS_LABELS = {
  HEALTHY: '健康',
  CHRONIC_ILLNESS: '长期慢性病',
  DISABLED: '一般残疾',
  SEVERELY_DISABLED: '重度残疾',
  SERIOUS_ILLNESS: '患有大病',
} as const
export type HealthStatus = keyof typeof HEALTH_STATUS_LABELS
export const HEALTH_STATUSES = keysOf(HEALTH_STATUS_LABELS)

export const LABOR_CAPACITY_LABELS = {
  ABLE: '有劳动能力',
  PARTIAL: '部分丧失劳动能力',
  LOST: '完全丧失劳动能力',
  NONE: '无劳动能力',
} as const
export type LaborCapacity = keyof typeof LABOR_CAPACITY_LABELS
export const LABOR_CAPACITIES = keysOf(LABOR_CAPACITY_LABELS)

export const SCHOOL_STATUS_LABELS = {
  NOT_IN_SCHOOL: '非在校生',
  PRESCHOOL: '学前教育',
  PRIMARY: '小学',
  JUNIOR_HIGH: '初中',
  SENIOR_HIGH: '高中',
  VOCATIONAL: '中职',
  HIGHER: '大专及以上',
} as const
export type SchoolStatus = keyof typeof SCHOOL_STATUS_LABELS
export const SCHOOL_STATUSES = keysOf(SCHOOL_STATUS_LABELS)

export const HELP_MEASURE_LABELS = {
  INDUSTRY: '产业帮扶',
  EMPLOYMENT: '就业帮扶',
  HEALTH: '健康帮扶',
  EDUCATION: '教育帮扶',
  FINANCE: '金融帮扶',
  SOCIAL_SECURITY: '兜底保障',
  RELOCATION: '易地搬迁',
  HOUSING_REPAIR: '危房改造',
} as const
export type HelpMeasure = keyof typeof HELP_MEASURE_LABELS
export const HELP_MEASURES = keysOf(HELP_MEASURE_LABELS)

export const NEED_CATEGORY_LABELS = {
  MEDICAL: '医疗',
  HOUSING: '住房',
  EMPLOYMENT: '就业',
  EDUCATION: '教育',
  SUPPLIES: '生活物资',
  FUNDS: '资金',
  CORRECTION: '信息更正',
  OTHER: '其他',
} as const
export type NeedCategory = keyof typeof NEED_CATEGORY_LABELS
export const NEED_CATEGORIES = keysOf(NEED_CATEGORY_LABELS)

export const NEED_URGENCY_LABELS = {
  NORMAL: '一般',
  URGENT: '紧急',
  CRITICAL: '特急',
} as const
export type NeedUrgency = keyof typeof NEED_URGENCY_LABELS
export const NEED_URGENCIES = keysOf(NEED_URGENCY_LABELS)

export const NEED_STATUS_LABELS = {
  RECEIVED: '已受理',
  HANDLED_DIRECTLY: '直接办理',
  TRANSFERRED: '已转交',
  IN_PROGRESS: '办理中',
  RESOLVED: '已办结',
  FOLLOWED_UP: '已回访',
  REJECTED: '不予受理',
} as const
export type NeedStatus = keyof typeof NEED_STATUS_LABELS
export const NEED_STATUSES = keysOf(NEED_STATUS_LABELS)

export const NEED_SOURCE_LABELS = {
  VISIT: '走访发现',
  RESIDENT: '群众提交',
  CADRE: '干部登记',
} as const
export type NeedSource = keyof typeof NEED_SOURCE_LABELS
export const NEED_SOURCES = keysOf(NEED_SOURCE_LABELS)

export const ACTIVITY_KIND_LABELS = {
  THEMED_PARTY_DAY: '主题党日',
  VISIT_CONDOLENCE: '走访慰问',
  VOLUNTEER: '志愿服务',
  THREE_MEETINGS: '三会一课',
} as const
export type ActivityKind = keyof typeof ACTIVITY_KIND_LABELS
export const ACTIVITY_KINDS = keysOf(ACTIVITY_KIND_LABELS)

export const ACTIVITY_STATUS_LABELS = {
  DRAFT: '草稿',
  PUBLISHED: '已发布',
} as const
export type ActivityStatus = keyof typeof ACTIVITY_STATUS_LABELS
export const ACTIVITY_STATUSES = keysOf(ACTIVITY_STATUS_LABELS)

export const VISIT_TARGET_LABELS = {
  HOUSEHOLD: '困难群众',
  CADRE: '驻村干部',
} as const
export type VisitTarget = keyof typeof VISIT_TARGET_LABELS
export const VISIT_TARGETS = keysOf(VISIT_TARGET_LABELS)

export const DONATION_KIND_LABELS = {
  CASH: '慰问金',
  GOODS: '慰问物资',
} as const
export type DonationKind = keyof typeof DONATION_KIND_LABELS
export const DONATION_KINDS = keysOf(DONATION_KIND_LABELS)

export const DONATION_RECIPIENT_LABELS = {
  VILLAGE: '村集体',
  HOUSEHOLD: '困难群众户',
  CADRE: '驻村干部',
} as const
export type DonationRecipient = keyof typeof DONATION_RECIPIENT_LABELS
export const DONATION_RECIPIENTS = keysOf(DONATION_RECIPIENT_LABELS)

export const HANDOVER_STATE_LABELS = {
  PENDING: '待签收',
  CONFIRMED: '已签收',
  DISPUTED: '有异议',
} as const
export type HandoverState = keyof typeof HANDOVER_STATE_LABELS
export const HANDOVER_STATES = keysOf(HANDOVER_STATE_LABELS)

export const HANDOVER_CONFIRMATION_LABELS = {
  RESIDENT: '微信确认',
  SIGNATURE: '当面签字',
  PHONE_SIGNATURE: '手机上签字',
} as const
export type HandoverConfirmation = keyof typeof HANDOVER_CONFIRMATION_LABELS
export const HANDOVER_CONFIRMATIONS = keysOf(HANDOVER_CONFIRMATION_LABELS)
