// The 困难户花名册 (household roster) as an Excel workbook, for the staff who work with it (docs/exports.md):
// one row per household in the caller's scope, then one row per member on a second sheet.
//   - ID numbers and phones are always masked: the plaintext is shown one value at a time through
//     household.reveal, which audits each look; a bulk plaintext export is out of scope
//     (docs/exports.md). The masks are read as stored; nothing is decrypted but health.
//   - 健康状况 is the status label only, never its detail, and only to those who keep the
//     village's records (keepsRecordsOf), as on the household's page.
//   - Anonymised households are left out: retention has removed who they were (roster-households.ts).
//   - Streamed and audited as the ledger (xlsx-stream.ts). The sheets are written one after the
//     other (a streamed zip cannot interleave them), so the members are read in a second pass
//     over the same households, in the same order.
import {
  HEALTH_STATUS_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LABOR_CAPACITY_LABELS,
  RELATIONSHIP_LABELS,
  SCHOOL_STATUS_LABELS,
} from '../../../common/enums'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { householdProfileSelect, memberSelect } from '../households/household-selects'
import { openHealth } from '../households/personal-fields'
import { keepsRecordsOf } from '../scope'
import { onReadReplica, type ServiceContext } from '../service-context'
import { currentRisks, dateCell, type HouseholdRosterExport, riskLabels, rosterBatches } from './roster-households'
import { type PlainCell, yuanCell } from './xlsx-cells'
import { DEFAULT_BATCH_SIZE, writeAuditedWorkbook, writeSheet } from './xlsx-stream'

/**
 * The roster's columns, in order: part of the export's contract (docs/exports.md). Add new
 * columns at the end.
 */
export const ROSTER_COLUMNS = [
  { key: 'code', header: '户编号', width: 12 },
  { key: 'village', header: '村', width: 12 },
  { key: 'group', header: '组', width: 8 },
  { key: 'headName', header: '户主姓名', width: 12 },
  { key: 'idNumber', header: '身份证号码', width: 22 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'householdType', header: '户类型', width: 10 },
  { key: 'category', header: '监测类别', width: 16 },
  { key: 'risks', header: '风险类型', width: 20 },
  { key: 'memberCount', header: '家庭人口', width: 10 },
  { key: 'incomePerCapita', header: '家庭人均纯收入（元）', width: 20, isYuan: true },
  { key: 'responsible', header: '帮扶责任人', width: 12 },
  { key: 'monitoringStartedOn', header: '监测开始', width: 12 },
  { key: 'monitoringEndedOn', header: '监测结束', width: 12 },
] as const

export const MEMBER_COLUMNS = [
  { key: 'code', header: '户编号', width: 12 },
  { key: 'name', header: '姓名', width: 12 },
  { key: 'relationship', header: '与户主关系', width: 12 },
  { key: 'idNumber', header: '身份证号码', width: 22 },
  { key: 'health', header: '健康状况', width: 12 },
  { key: 'laborCapacity', header: '劳动能力', width: 18 },
  { key: 'schoolStatus', header: '在校生状况', width: 12 },
] as const

export const ROSTER_SHEET = '困难户花名册'
export const MEMBER_SHEET = '家庭成员'

const rosterSelect = {
  id: true,
  villageId: true,
  ...householdProfileSelect,
  monitoringEndedOn: true,
  village: { select: { name: true } },
  responsibleUser: { select: { displayName: true } },
  risks: currentRisks,
  _count: { select: { members: true } },
} satisfies Prisma.HouseholdSelect

type RosterHousehold = Prisma.HouseholdGetPayload<{ select: typeof rosterSelect }>

const memberSheetSelect = {
  villageId: true,
  code: true,
  members: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: memberSelect },
} satisfies Prisma.HouseholdSelect

type MembersOf = Prisma.HouseholdGetPayload<{ select: typeof memberSheetSelect }>

type RosterRow = Record<(typeof ROSTER_COLUMNS)[number]['key'], PlainCell>
type MemberRow = Record<(typeof MEMBER_COLUMNS)[number]['key'], PlainCell>

const rosterRowOf = (h: RosterHousehold): RosterRow => ({
  code: h.code,
  village: h.village.name,
  group: h.groupName,
  headName: h.headName,
  idNumber: h.idNumberMask,
  phone: h.phoneMask,
  householdType: HOUSEHOLD_TYPE_LABELS[h.householdType],
  category: HOUSEHOLD_CATEGORY_LABELS[h.category],
  risks: riskLabels(h.risks),
  memberCount: h._count.members,
  incomePerCapita: h.incomePerCapitaFen === null ? null : yuanCell(toFen(h.incomePerCapitaFen)),
  responsible: h.responsibleUser?.displayName ?? null,
  monitoringStartedOn: dateCell(h.monitoringStartedOn),
  monitoringEndedOn: dateCell(h.monitoringEndedOn),
})

const memberRowsOf = (ctx: ServiceContext, household: MembersOf): MemberRow[] => {
  const seesHealth = keepsRecordsOf(ctx.actor, household.villageId)
  return household.members.map((member) => ({
    code: household.code,
    name: member.name,
    relationship: RELATIONSHIP_LABELS[member.relationship],
    idNumber: member.idNumberMask,
    // The status only: its detail stays sealed.
    health: seesHealth ? healthLabel(ctx, member.healthEnc) : null,
    laborCapacity: LABOR_CAPACITY_LABELS[member.laborCapacity],
    schoolStatus: SCHOOL_STATUS_LABELS[member.schoolStatus],
  }))
}

const healthLabel = (ctx: ServiceContext, sealed: string | null): string | null => {
  const health = openHealth(ctx.crypto, sealed)
  return health ? HEALTH_STATUS_LABELS[health.status] : null
}

export type HouseholdRosterResult = { householdCount: number; memberCount: number }

export const exportHouseholdRoster = async ({
  ctx,
  input,
  output,
  batchSize = DEFAULT_BATCH_SIZE,
}: HouseholdRosterExport): Promise<HouseholdRosterResult> => {
  const result: HouseholdRosterResult = { householdCount: 0, memberCount: 0 }
  // The rows from the read replica when there is one; the audit entry through ctx, on the primary.
  const reader = onReadReplica(ctx)
  const batchesOf = <S extends Prisma.HouseholdSelect & { villageId: true; code: true }>(select: S) =>
    rosterBatches({ ctx: reader, input, output, batchSize, select })

  await writeAuditedWorkbook({
    ctx,
    output,
    write: async (workbook) => {
      await writeSheet(workbook, {
        name: ROSTER_SHEET,
        columns: ROSTER_COLUMNS,
        batches: batchesOf(rosterSelect),
        rowsOf: (household) => [rosterRowOf(household)],
        written: () => {
          result.householdCount += 1
        },
      })
      await writeSheet(workbook, {
        name: MEMBER_SHEET,
        columns: MEMBER_COLUMNS,
        batches: batchesOf(memberSheetSelect),
        rowsOf: (household) => memberRowsOf(ctx, household),
        written: (_, rowCount) => {
          result.memberCount += rowCount
        },
      })
    },
    hasWritten: () => result.householdCount > 0,
    audit: {
      action: 'export.householdRoster',
      entityId: 'household-roster',
      details: () => ({ filters: { villageId: input.villageId ?? null }, ...result }),
    },
  })
  return result
}
