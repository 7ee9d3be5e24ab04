// The 困难户公示名单: the roster as it may be posted on a village notice board, under the 防返贫
// 监测 公示 procedure (docs/exports.md). A notice board is public, so the file holds no ID number, not
// even masked, no phone, bank account, income, health or member details: the query below does
// not read them, so no later change to the rows can leak them (tested in
// tests/server/household-roster-export.test.ts). Same households as the internal roster
// (roster-households.ts): in scope, not anonymised.
import { HOUSEHOLD_CATEGORY_LABELS } from '../../../common/enums'
import type { Prisma } from '../../generated/prisma/client'
import { onReadReplica } from '../service-context'
import { currentRisks, dateCell, type HouseholdRosterExport, riskLabels, rosterBatches } from './roster-households'
import type { PlainCell } from './xlsx-cells'
import { DEFAULT_BATCH_SIZE, writeAuditedWorkbook, writeSheet } from './xlsx-stream'

/** The 公示 columns, in order: exactly these, documented in docs/exports.md. */
export const PUBLIC_ROSTER_COLUMNS = [
  { key: 'village', header: '村', width: 12 },
  { key: 'group', header: '组', width: 8 },
  { key: 'headName', header: '户主姓名', width: 12 },
  { key: 'category', header: '监测类别', width: 16 },
  { key: 'memberCount', header: '家庭人口', width: 10 },
  { key: 'risks', header: '风险类型', width: 20 },
  { key: 'monitoringStartedOn', header: '监测开始', width: 12 },
] as const

export const PUBLIC_ROSTER_SHEET = '困难户公示名单'

/** Only what the notice shows, and the keyset: nothing personal beyond the head's name. */
const publicSelect = {
  villageId: true,
  code: true,
  headName: true,
  groupName: true,
  category: true,
  monitoringStartedOn: true,
  village: { select: { name: true } },
  risks: currentRisks,
  _count: { select: { members: true } },
} satisfies Prisma.HouseholdSelect

type PublicHousehold = Prisma.HouseholdGetPayload<{ select: typeof publicSelect }>
type PublicRow = Record<(typeof PUBLIC_ROSTER_COLUMNS)[number]['key'], PlainCell>

const publicRowOf = (h: PublicHousehold): PublicRow => ({
  village: h.village.name,
  group: h.groupName,
  headName: h.headName,
  category: HOUSEHOLD_CATEGORY_LABELS[h.category],
  memberCount: h._count.members,
  risks: riskLabels(h.risks),
  monitoringStartedOn: dateCell(h.monitoringStartedOn),
})

export const exportPublicHouseholdRoster = async ({
  ctx,
  input,
  output,
  batchSize = DEFAULT_BATCH_SIZE,
}: HouseholdRosterExport): Promise<{ householdCount: number }> => {
  let householdCount = 0
  // The rows from the read replica when there is one; the audit entry through ctx, on the primary.
  const reader = onReadReplica(ctx)

  await writeAuditedWorkbook({
    ctx,
    output,
    write: (workbook) =>
      writeSheet(workbook, {
        name: PUBLIC_ROSTER_SHEET,
        columns: PUBLIC_ROSTER_COLUMNS,
        batches: rosterBatches({ ctx: reader, input, output, batchSize, select: publicSelect }),
        rowsOf: (household) => [publicRowOf(household)],
        written: () => {
          householdCount += 1
        },
      }),
    hasWritten: () => householdCount > 0,
    audit: {
      action: 'export.householdRosterPublic',
      entityId: 'household-roster-public',
      details: () => ({ filters: { villageId: input.villageId ?? null }, householdCount }),
    },
  })
  return { householdCount }
}
