// The 主题党日台账 (activity ledger) as an Excel workbook (docs/exports.md): one row per activity in the
// caller's scope (activityScope, as activity.list), then one row per absentee on a second sheet.
//   - The figures are the activity page's (get-activity.ts), from the same aggregations in
//     stats/totals.ts, batch by batch: 走访户数 is distinct households visited, 慰问金 and
//     物资价值 the live cash and in-kind donations recorded under the activity (voided ones never
//     count), 提出诉求数 the needs raised on its visits. All in integer fen, added in the database
//     (activities/activity-figures.ts, which the printable 活动记录 reads too).
//   - Streamed and audited as the donation ledger (xlsx-stream.ts). A streamed zip cannot
//     interleave sheets, so the absences are read in a second pass over the same activities.
import type { TActivityLedgerRequest } from '../../../common/contracts/export/activity-ledger'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from '../../../common/enums'
import type { Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { absencesSelect, activityFiguresOf } from '../activities/activity-figures'
import type { Actor } from '../auth/actor'
import { activityScope } from '../scope'
import { onReadReplica, type ServiceContext } from '../service-context'
import { type PlainCell, yuanCell } from './xlsx-cells'
import { DEFAULT_BATCH_SIZE, keysetBatches, writeAuditedWorkbook, writeSheet, type XlsxExport } from './xlsx-stream'

/** The ledger's columns, in order: part of the export's contract (docs/exports.md). Add new ones at the end. */
export const ACTIVITY_LEDGER_COLUMNS = [
  { key: 'heldOn', header: '日期', width: 12 },
  { key: 'theme', header: '主题', width: 32 },
  { key: 'kind', header: '类型', width: 10 },
  { key: 'organiser', header: '组织单位', width: 24 },
  { key: 'orgs', header: '参加组织', width: 48 },
  { key: 'village', header: '村', width: 12 },
  { key: 'expected', header: '应到', width: 8 },
  { key: 'present', header: '实到', width: 8 },
  { key: 'householdsVisited', header: '走访户数', width: 10 },
  { key: 'cash', header: '慰问金（元）', width: 14, isYuan: true },
  { key: 'goodsValue', header: '物资价值（元）', width: 14, isYuan: true },
  { key: 'needsRaised', header: '提出诉求数', width: 10 },
  { key: 'status', header: '状态', width: 8 },
] as const

export const ABSENCE_COLUMNS = [
  { key: 'heldOn', header: '日期', width: 12 },
  { key: 'theme', header: '主题', width: 32 },
  { key: 'name', header: '姓名', width: 12 },
  { key: 'reason', header: '缺勤原因', width: 32 },
] as const

export const ACTIVITY_LEDGER_SHEET = '主题党日台账'
export const ABSENCE_SHEET = '缺勤名单'

type LedgerRow = Record<(typeof ACTIVITY_LEDGER_COLUMNS)[number]['key'], PlainCell>
type AbsenceRow = Record<(typeof ABSENCE_COLUMNS)[number]['key'], PlainCell>

const activityWhere = (ctx: ServiceContext, input: TActivityLedgerRequest): Prisma.ActivityWhereInput => ({
  AND: [
    activityScope(ctx.actor),
    input.villageId ? { villageId: input.villageId } : {},
    input.from ? { heldOn: { gte: dateOnlyToDate(input.from) } } : {},
    input.to ? { heldOn: { lte: dateOnlyToDate(input.to) } } : {},
  ],
})

/** The activities after the last one read, in (date, id) order. */
const afterActivity = (last: { heldOn: Date; id: string } | undefined): Prisma.ActivityWhereInput =>
  last ? { OR: [{ heldOn: { gt: last.heldOn } }, { heldOn: last.heldOn, id: { gt: last.id } }] } : {}

const ledgerSelect = {
  id: true,
  heldOn: true,
  theme: true,
  kind: true,
  status: true,
  expectedCount: true,
  presentCount: true,
  village: { select: { name: true } },
  organiserOrg: { select: { name: true } },
  // 参加单位, the organiser included (schema.prisma), as the activity page lists them.
  orgs: { orderBy: { org: { name: 'asc' } }, select: { org: { select: { name: true } } } },
} satisfies Prisma.ActivitySelect

const absenceSelect = {
  id: true,
  heldOn: true,
  theme: true,
  absences: absencesSelect,
} satisfies Prisma.ActivitySelect

/** The activities in scope, read with `select`, in keyset batches that wait for the client. */
const activityBatches = <S extends Prisma.ActivitySelect & { id: true; heldOn: true }>({
  ctx,
  input,
  output,
  batchSize,
  select,
}: Required<ActivityLedgerExport> & { select: S }) => {
  const where = activityWhere(ctx, input)
  // Prisma cannot see through a generic select that the rows carry the keyset's fields; S requires them.
  type Row = Prisma.ActivityGetPayload<{ select: S }> & { id: string; heldOn: Date }
  return keysetBatches<Row>({
    output,
    batchSize,
    read: (last, take) =>
      ctx.db.activity.findMany({
        where: { AND: [where, afterActivity(last)] },
        select,
        orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
        take,
      }) as Promise<Row[]>,
  })
}

type LedgerActivity = Prisma.ActivityGetPayload<{ select: typeof ledgerSelect }>
type ActivityFigures = ReturnType<Awaited<ReturnType<typeof activityFiguresOf>>>

/** Each batch's activities with their figures, added up in the database for the batch at once. */
async function* withFigures(db: Tx, actor: Actor, batches: AsyncIterable<LedgerActivity[]>) {
  for await (const batch of batches) {
    const figures = await activityFiguresOf(
      db,
      actor,
      batch.map((a) => a.id),
    )
    yield batch.map((activity) => ({ activity, totals: figures(activity.id) }))
  }
}

const ledgerRowOf = ({ activity, totals }: { activity: LedgerActivity; totals: ActivityFigures }): LedgerRow => ({
  heldOn: dateToDateOnly(activity.heldOn),
  theme: activity.theme,
  kind: ACTIVITY_KIND_LABELS[activity.kind],
  organiser: activity.organiserOrg.name,
  orgs: activity.orgs.map((o) => o.org.name).join('、'),
  village: activity.village?.name ?? null,
  expected: activity.expectedCount,
  present: activity.presentCount,
  householdsVisited: totals.householdsVisited,
  cash: yuanCell(totals.cashFen),
  goodsValue: yuanCell(totals.goodsValueFen),
  needsRaised: totals.needsRaised,
  status: ACTIVITY_STATUS_LABELS[activity.status],
})

const absenceRowsOf = (activity: Prisma.ActivityGetPayload<{ select: typeof absenceSelect }>): AbsenceRow[] =>
  activity.absences.map((absence) => ({
    heldOn: dateToDateOnly(activity.heldOn),
    theme: activity.theme,
    name: absence.name,
    reason: absence.reason,
  }))

export type ActivityLedgerExport = XlsxExport<TActivityLedgerRequest>

export type ActivityLedgerResult = {
  activityCount: number
  absenceCount: number
  cashFen: number
  goodsValueFen: number
}

export const exportActivityLedger = async ({
  ctx,
  input,
  output,
  batchSize = DEFAULT_BATCH_SIZE,
}: ActivityLedgerExport): Promise<ActivityLedgerResult> => {
  const result: ActivityLedgerResult = { activityCount: 0, absenceCount: 0, cashFen: 0, goodsValueFen: 0 }
  // The rows from the read replica when there is one; the audit entry through ctx, on the primary.
  const reader = onReadReplica(ctx)
  const batchesOf = <S extends Prisma.ActivitySelect & { id: true; heldOn: true }>(select: S) =>
    activityBatches({ ctx: reader, input, output, batchSize, select })

  await writeAuditedWorkbook({
    ctx,
    output,
    write: async (workbook) => {
      await writeSheet(workbook, {
        name: ACTIVITY_LEDGER_SHEET,
        columns: ACTIVITY_LEDGER_COLUMNS,
        batches: withFigures(reader.db, ctx.actor, batchesOf(ledgerSelect)),
        rowsOf: (item) => [ledgerRowOf(item)],
        written: ({ totals }) => {
          result.activityCount += 1
          result.cashFen += totals.cashFen
          result.goodsValueFen += totals.goodsValueFen
          if (!Number.isSafeInteger(result.cashFen + result.goodsValueFen))
            throw new RangeError('activity totals beyond the exact range')
        },
      })
      await writeSheet(workbook, {
        name: ABSENCE_SHEET,
        columns: ABSENCE_COLUMNS,
        batches: batchesOf(absenceSelect),
        rowsOf: absenceRowsOf,
        written: (_, rowCount) => {
          result.absenceCount += rowCount
        },
      })
    },
    hasWritten: () => result.activityCount > 0,
    audit: {
      action: 'export.activityLedger',
      entityId: 'activity-ledger',
      details: () => ({
        filters: { villageId: input.villageId ?? null, from: input.from ?? null, to: input.to ?? null },
        ...result,
      }),
    },
  })
  return result
}
