// Writes a new need in one SQL statement: the need, the first event of its timeline, its audit
// entry and, for a call with a retry key, the key with its result (as donations are written:
// services/donations/write-donation.ts). One statement is one transaction of its own, with one
// round trip and one Prisma call; inside a mutation's transaction it is one statement of that
// transaction. The rows are made here, ids and timestamps included, as Prisma would have made them.
import type { TNeedFields } from '../../../common/contracts/need/need-fields'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import type { NeedSource } from '../../../common/enums'
import { AppError } from '../../errors'
import type { Need, NeedEvent } from '../../generated/prisma/client'
import { Prisma } from '../../generated/prisma/client'
import { uuidV7 } from '../../lib/uuid-v7'
import { auditSnapshot } from '../audit/write-audit'
import { type RetryKey, storeRetryKey } from '../idempotency'
import type { ServiceContext } from '../service-context'

const SOURCE_NOTES: Record<NeedSource, string> = {
  VISIT: '走访中收集',
  RESIDENT: '群众通过小程序提交',
  CADRE: '干部登记',
}

export type NewNeed = {
  id?: string | undefined
  householdId: string
  villageId: string
  fields: TNeedFields
  source: NeedSource
  visitId?: string | undefined
}

/** A new need as stored, and the first event of its timeline. */
export type NeedRows = { need: Need; event: NeedEvent }

/** The rows the statement will write, with the ids and timestamps the database would give them. */
export const needRows = (
  { id, householdId, villageId, fields, source, visitId }: NewNeed,
  actorId: string,
  now: Date = new Date(),
): NeedRows => {
  const needId = id ?? uuidV7(now.getTime())
  return {
    need: {
      id: needId,
      householdId,
      villageId,
      category: fields.category,
      description: fields.description,
      urgency: fields.urgency,
      dueOn: fields.dueOn ? dateOnlyToDate(fields.dueOn) : null,
      responsibleUnit: null,
      status: 'RECEIVED',
      source,
      visitId: visitId ?? null,
      satisfaction: null,
      resolvedAt: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
      createdById: actorId,
      version: 1,
    },
    event: {
      id: uuidV7(now.getTime()),
      needId,
      actorId,
      fromStatus: null,
      toStatus: 'RECEIVED',
      note: SOURCE_NOTES[source],
      createdAt: now,
    },
  }
}

const uuidOrNull = (id: string | null) => (id === null ? Prisma.sql`NULL::uuid` : Prisma.sql`${id}::uuid`)

/**
 * Writes `rows` (checked by the caller). With `whileOpen`, only while the household takes records:
 * the statement holds its row FOR SHARE, as services/households/household-open.ts explains, and
 * writes nothing if it was anonymised meanwhile (HOUSEHOLD_ANONYMISED).
 */
export const writeNeed = async (
  ctx: Pick<ServiceContext, 'db' | 'crypto' | 'actor' | 'requestId'>,
  { need, event }: NeedRows,
  { whileOpen, retry }: { whileOpen: boolean; retry: { key: RetryKey; result: unknown } | null },
): Promise<void> => {
  const after = auditSnapshot(ctx.crypto, need)
  const household = whileOpen
    ? Prisma.sql`household AS (
        SELECT FROM "Household" WHERE "id" = ${need.householdId}::uuid AND "anonymisedAt" IS NULL FOR SHARE
      ), `
    : Prisma.empty
  const keyInsert = retry
    ? Prisma.sql`, key AS (${storeRetryKey(ctx.crypto, retry.key, retry.result, Prisma.sql`need`)})`
    : Prisma.empty
  const [written] = await ctx.db.$queryRaw<{ count: number }[]>`
    WITH ${household}need AS (
      INSERT INTO "Need" ("id", "householdId", "villageId", "category", "description", "urgency", "dueOn",
        "responsibleUnit", "status", "source", "visitId", "satisfaction", "resolvedAt", "closedAt", "createdAt",
        "updatedAt", "createdById", "version")
      SELECT ${need.id}::uuid, ${need.householdId}::uuid, ${need.villageId}::uuid,
        ${need.category}::"NeedCategory", ${need.description}, ${need.urgency}::"NeedUrgency",
        ${need.dueOn ? dateToDateOnly(need.dueOn) : null}::date, NULL, ${need.status}::"NeedStatus",
        ${need.source}::"NeedSource", ${uuidOrNull(need.visitId)}, NULL, NULL, NULL,
        ${need.createdAt.toISOString()}::timestamptz, ${need.updatedAt.toISOString()}::timestamptz,
        ${uuidOrNull(need.createdById)}, ${need.version}
      ${whileOpen ? Prisma.sql`WHERE EXISTS (SELECT FROM household)` : Prisma.empty}
      RETURNING "id"
    ), event AS (
      INSERT INTO "NeedEvent" ("id", "needId", "actorId", "fromStatus", "toStatus", "note", "createdAt")
      SELECT ${event.id}::uuid, need."id", ${event.actorId}::uuid, NULL, ${event.toStatus}::"NeedStatus",
        ${event.note}, ${event.createdAt.toISOString()}::timestamptz
        FROM need
    ), audit AS (
      INSERT INTO "AuditLog" ("actorId", "action", "entityType", "entityId", "after", "requestId")
      SELECT ${ctx.actor.userId}::uuid, 'need.create', 'Need', need."id"::text, ${JSON.stringify(after)}::jsonb,
        ${ctx.requestId}
        FROM need
    )${keyInsert}
    SELECT count(*)::int AS "count" FROM need`
  if (written?.count !== 1) throw new AppError('HOUSEHOLD_ANONYMISED')
}
