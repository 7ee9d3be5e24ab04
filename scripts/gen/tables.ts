// The tables the generator fills, each with the columns it writes and their PostgreSQL types, in
// foreign-key order (a batch inserts them top to bottom). Columns the schema defaults and the
// generator leaves alone (version on unchanged rows, isActive…) are not listed.

export type Column = readonly [name: string, type: string]

const id: Column = ['id', 'uuid']
const at = (name: string): Column => [name, 'timestamptz']

// biome-ignore format: one column a cell, several a line, as in the schema
export const TABLES = {
  Org: [id, ['name', 'text'], ['shortName', 'text'], ['kind', '"OrgKind"'], ['parentId', 'uuid'], ['path', 'text'], at('createdAt'), at('updatedAt')],
  Village: [id, ['name', 'text'], ['county', 'text'], ['township', 'text'], ['adminCode', 'text'], at('createdAt'), at('updatedAt')],
  OrgVillagePair: [id, ['orgId', 'uuid'], ['villageId', 'uuid'], ['startedOn', 'date'], at('createdAt')],
  User: [id, ['displayName', 'text'], ['phone', 'text'], ['passwordHash', 'text'], at('createdAt'), at('updatedAt')],
  Membership: [id, ['userId', 'uuid'], ['orgId', 'uuid'], ['role', '"Role"'], ['title', 'text'], ['startedOn', 'date'], at('createdAt')],
  CadreVillage: [id, ['userId', 'uuid'], ['villageId', 'uuid'], ['post', 'text'], ['startedOn', 'date'], at('createdAt')],
  Household: [
    id, ['villageId', 'uuid'], ['code', 'text'], ['headName', 'text'],
    ['idNumberEnc', 'text'], ['idNumberHash', 'text'], ['idNumberMask', 'text'], ['phoneEnc', 'text'], ['phoneMask', 'text'],
    ['groupName', 'text'], ['householdType', '"HouseholdType"'], ['category', '"HouseholdCategory"'],
    ['incomePerCapitaFen', 'bigint'], ['wageIncomeFen', 'bigint'], ['businessIncomeFen', 'bigint'], ['propertyIncomeFen', 'bigint'], ['transferIncomeFen', 'bigint'],
    ['helpMeasures', '"HelpMeasure"[]'], ['responsibleUserId', 'uuid'],
    ['monitoringStartedOn', 'date'], ['monitoringEndedOn', 'date'], at('monitoringEndedRecordedAt'),
    at('createdAt'), at('updatedAt'), ['createdById', 'uuid'],
  ],
  HouseholdMember: [
    id, ['householdId', 'uuid'], ['name', 'text'], ['relationship', '"Relationship"'],
    ['idNumberEnc', 'text'], ['idNumberHash', 'text'], ['idNumberMask', 'text'], ['healthEnc', 'text'],
    ['laborCapacity', '"LaborCapacity"'], ['schoolStatus', '"SchoolStatus"'], ['workInfo', 'text'], ['sortOrder', 'int'],
    at('createdAt'), at('updatedAt'),
  ],
  HouseholdRisk: [
    id, ['householdId', 'uuid'], ['code', '"RiskCode"'], ['identifiedMonth', 'text'], ['isEliminated', 'boolean'],
    ['eliminatedMonth', 'text'], ['eliminationMethod', '"RiskEliminationMethod"'], at('createdAt'),
  ],
  Activity: [
    id, ['kind', '"ActivityKind"'], ['theme', 'text'], ['heldOn', 'date'], ['villageId', 'uuid'], ['place', 'text'],
    ['organiserOrgId', 'uuid'], ['summary', 'text'], ['expectedCount', 'int'], ['presentCount', 'int'],
    ['status', '"ActivityStatus"'], at('createdAt'), at('updatedAt'), ['createdById', 'uuid'],
  ],
  ActivityOrg: [['activityId', 'uuid'], ['orgId', 'uuid']],
  ActivityAbsence: [id, ['activityId', 'uuid'], ['name', 'text'], ['reason', 'text']],
  Visit: [
    id, ['activityId', 'uuid'], ['villageId', 'uuid'], ['target', '"VisitTarget"'], ['householdId', 'uuid'], ['cadreUserId', 'uuid'],
    ['visitedOn', 'date'], ['healthEnc', 'text'], ['livingConditions', 'text'], ['difficulties', 'text'],
    ['cashFen', 'bigint'], ['goodsValueFen', 'bigint'], at('createdAt'), at('updatedAt'), ['createdById', 'uuid'],
  ],
  VisitVisitor: [['visitId', 'uuid'], ['userId', 'uuid']],
  VisitGoods: [id, ['visitId', 'uuid'], ['item', 'text'], ['quantity', 'int'], ['unit', 'text'], ['unitValueFen', 'bigint'], ['valueFen', 'bigint']],
  Donation: [
    id, ['donorOrgId', 'uuid'], ['donorName', 'text'], ['recipientKind', '"DonationRecipient"'], ['villageId', 'uuid'],
    ['householdId', 'uuid'], ['cadreUserId', 'uuid'], ['activityId', 'uuid'], ['kind', '"DonationKind"'], ['amountFen', 'bigint'],
    ['receivedOn', 'date'], ['note', 'text'], at('voidedAt'), ['voidReason', 'text'], ['voidedById', 'uuid'],
    at('createdAt'), at('updatedAt'), ['createdById', 'uuid'],
  ],
  DonationGoods: [id, ['donationId', 'uuid'], ['item', 'text'], ['quantity', 'int'], ['unit', 'text'], ['unitValueFen', 'bigint'], ['valueFen', 'bigint']],
  Need: [
    id, ['householdId', 'uuid'], ['villageId', 'uuid'], ['category', '"NeedCategory"'], ['description', 'text'], ['urgency', '"NeedUrgency"'],
    ['dueOn', 'date'], ['responsibleUnit', 'text'], ['status', '"NeedStatus"'], ['source', '"NeedSource"'], ['visitId', 'uuid'],
    ['satisfaction', 'int'], at('resolvedAt'), at('closedAt'), at('createdAt'), at('updatedAt'), ['createdById', 'uuid'], ['version', 'int'],
  ],
  NeedEvent: [id, ['needId', 'uuid'], ['actorId', 'uuid'], ['fromStatus', '"NeedStatus"'], ['toStatus', '"NeedStatus"'], ['note', 'text'], at('createdAt')],
} as const satisfies Record<string, readonly Column[]>

export type TableName = keyof typeof TABLES
export const TABLE_NAMES = Object.keys(TABLES) as TableName[]

/** A cell as the generator hands it over; written as text and cast to the column's type. */
export type Cell = string | number | bigint | boolean | Date | null | readonly string[]
