// The app's vocabularies (common/enums.ts, no database client) must match the database's enums.
import { describe, expect, it } from 'vitest'
import * as app from '../../common/enums'
import * as db from '../../server/generated/prisma/enums'

const pairs: [string, readonly string[], Record<string, string>][] = [
  ['Role', app.ROLES, db.Role],
  ['OrgKind', app.ORG_KINDS, db.OrgKind],
  ['HouseholdType', app.HOUSEHOLD_TYPES, db.HouseholdType],
  ['HouseholdCategory', app.HOUSEHOLD_CATEGORIES, db.HouseholdCategory],
  ['RiskCode', app.RISK_CODES, db.RiskCode],
  ['RiskEliminationMethod', app.RISK_ELIMINATION_METHODS, db.RiskEliminationMethod],
  ['Relationship', app.RELATIONSHIPS, db.Relationship],
  ['LaborCapacity', app.LABOR_CAPACITIES, db.LaborCapacity],
  ['SchoolStatus', app.SCHOOL_STATUSES, db.SchoolStatus],
  ['HelpMeasure', app.HELP_MEASURES, db.HelpMeasure],
  ['NeedCategory', app.NEED_CATEGORIES, db.NeedCategory],
  ['NeedUrgency', app.NEED_URGENCIES, db.NeedUrgency],
  ['NeedStatus', app.NEED_STATUSES, db.NeedStatus],
  ['NeedSource', app.NEED_SOURCES, db.NeedSource],
  ['ActivityKind', app.ACTIVITY_KINDS, db.ActivityKind],
  ['ActivityStatus', app.ACTIVITY_STATUSES, db.ActivityStatus],
  ['VisitTarget', app.VISIT_TARGETS, db.VisitTarget],
  ['DonationKind', app.DONATION_KINDS, db.DonationKind],
  ['DonationRecipient', app.DONATION_RECIPIENTS, db.DonationRecipient],
  ['HandoverState', app.HANDOVER_STATES, db.HandoverState],
  ['HandoverConfirmation', app.HANDOVER_CONFIRMATIONS, db.HandoverConfirmation],
]

describe('enums', () => {
  it.each(pairs)('%s matches the database', (_name, appValues, dbEnum) => {
    expect([...appValues].sort()).toEqual(Object.values(dbEnum).sort())
  })
})
