// Writes a checked donation in one SQL statement: the donation, its goods lines, its audit entry
// and, for a call with a retry key, the key with its result. One statement is one transaction of
// its own, with one round trip and one Prisma call: this is the write path docs/benchmarks.md
// measures. Inside a mutation's transaction (a batch) it is one statement of that transaction.
import { dateToDateOnly } from '../../../common/dates'
import { AppError } from '../../errors'
import type { Donation, DonationGoods } from '../../generated/prisma/client'
import { Prisma } from '../../generated/prisma/client'
import { uuidV7 } from '../../lib/uuid-v7'
import { auditSnapshot } from '../audit/write-audit'
import { type RetryKey, storeRetryKey } from '../idempotency'
import type { ServiceContext } from '../service-context'

/** A donation as stored, with its goods lines: what Prisma would read back, made before the write. */
export type DonationRow = Donation & { goods: DonationGoods[] }

export type NewDonation = Pick<
  Donation,
  | 'donorOrgId'
  | 'donorName'
  | 'recipientKind'
  | 'villageId'
  | 'householdId'
  | 'cadreUserId'
  | 'activityId'
  | 'kind'
  | 'amountFen'
  | 'receivedOn'
  | 'note'
> & {
  id?: string | undefined
  goods: Pick<DonationGoods, 'item' | 'quantity' | 'unit' | 'unitValueFen' | 'valueFen'>[]
}

/** The row the statement will write, with the ids and timestamps the database would give it. */
export const donationRow = (
  { id, goods, ...fields }: NewDonation,
  createdById: string,
  now: Date = new Date(),
): DonationRow => {
  const donationId = id ?? uuidV7(now.getTime())
  return {
    id: donationId,
    ...fields,
    voidedAt: null,
    voidReason: null,
    voidedById: null,
    createdAt: now,
    updatedAt: now,
    createdById,
    version: 1,
    goods: goods.map((line) => ({ id: uuidV7(now.getTime()), donationId, ...line })),
  }
}

const uuidOrNull = (id: string | null) => (id === null ? Prisma.sql`NULL::uuid` : Prisma.sql`${id}::uuid`)

/**
 * Writes `row` (checked by the caller). A donation to a household is written only while the
 * household takes records: the statement holds its row FOR SHARE, as services/households/
 * household-open.ts explains, and writes nothing if it was anonymised meanwhile
 * (HOUSEHOLD_ANONYMISED).
 */
export const writeDonation = async (
  ctx: Pick<ServiceContext, 'db' | 'crypto' | 'actor' | 'requestId'>,
  row: DonationRow,
  retry: { key: RetryKey; result: unknown } | null,
): Promise<void> => {
  const after = auditSnapshot(ctx.crypto, row)
  const goods = row.goods.map((line) => ({
    ...line,
    unitValueFen: String(line.unitValueFen),
    valueFen: String(line.valueFen),
  }))
  const keyInsert = retry
    ? Prisma.sql`, key AS (${storeRetryKey(ctx.crypto, retry.key, retry.result, Prisma.sql`donation`)})`
    : Prisma.empty
  const [written] = await ctx.db.$queryRaw<{ count: number }[]>`
    WITH household AS (
      SELECT FROM "Household" WHERE "id" = ${uuidOrNull(row.householdId)} AND "anonymisedAt" IS NULL FOR SHARE
    ), donation AS (
      INSERT INTO "Donation" ("id", "donorOrgId", "donorName", "recipientKind", "villageId", "householdId",
        "cadreUserId", "activityId", "kind", "amountFen", "receivedOn", "note", "createdAt", "updatedAt",
        "createdById", "version")
      SELECT ${row.id}::uuid, ${uuidOrNull(row.donorOrgId)}, ${row.donorName},
        ${row.recipientKind}::"DonationRecipient", ${row.villageId}::uuid, ${uuidOrNull(row.householdId)},
        ${uuidOrNull(row.cadreUserId)}, ${uuidOrNull(row.activityId)}, ${row.kind}::"DonationKind",
        ${String(row.amountFen)}::bigint, ${dateToDateOnly(row.receivedOn)}::date, ${row.note},
        ${row.createdAt.toISOString()}::timestamptz, ${row.updatedAt.toISOString()}::timestamptz,
        ${row.createdById}::uuid, ${row.version}
      WHERE ${row.householdId}::uuid IS NULL OR EXISTS (SELECT FROM household)
      RETURNING "id"
    ), goods AS (
      INSERT INTO "DonationGoods" ("id", "donationId", "item", "quantity", "unit", "unitValueFen", "valueFen")
      SELECT line."id", donation."id", line."item", line."quantity", line."unit", line."unitValueFen", line."valueFen"
        FROM donation, jsonb_to_recordset(${JSON.stringify(goods)}::jsonb) AS line("id" uuid, "item" text,
          "quantity" int, "unit" text, "unitValueFen" bigint, "valueFen" bigint)
    ), audit AS (
      INSERT INTO "AuditLog" ("actorId", "action", "entityType", "entityId", "after", "requestId")
      SELECT ${ctx.actor.userId}::uuid, 'donation.create', 'Donation', donation."id"::text,
        ${JSON.stringify(after)}::jsonb, ${ctx.requestId}
        FROM donation
    )${keyInsert}
    SELECT count(*)::int AS "count" FROM donation`
  if (written?.count !== 1) throw new AppError('HOUSEHOLD_ANONYMISED')
}
