// Key rotation: moves every encrypted field, and every blind index, to the current key. It runs
// while the servers keep serving (they read under the current and previous keys, and look rows up
// under every key's index), in small batches, and can be stopped and run again: rows already
// under the current key are skipped. Raw updates leave `updatedAt` and `version` alone, since the
// record has not changed for its readers; an update that races a user's edit (the ciphertext
// changed in between) is skipped and picked up by the next pass.
import type { Db } from '../../db/client'
import type { BlindIndexKind, FieldCrypto, FieldPurpose } from '../../lib/field-crypto'

export type RotationReport = {
  keyId: string
  /** Rows moved to the current key, per table. */
  moved: Record<string, number>
  /** Rows still under an older key (a racing edit, or an unknown key): run again. */
  remaining: number
}

type Field = { column: string; purpose: FieldPurpose; index?: { column: string; kind: BlindIndexKind } }
type Table = { name: string; fields: Field[] }

/** Every encrypted column, with the blind index computed from the same plaintext. */
const TABLES: Table[] = [
  {
    name: 'Household',
    fields: [
      { column: 'idNumberEnc', purpose: 'household.idNumber', index: { column: 'idNumberHash', kind: 'idNumber' } },
      { column: 'phoneEnc', purpose: 'household.phone' },
    ],
  },
  {
    name: 'HouseholdMember',
    fields: [
      { column: 'idNumberEnc', purpose: 'member.idNumber', index: { column: 'idNumberHash', kind: 'idNumber' } },
      { column: 'healthEnc', purpose: 'member.health' },
    ],
  },
  { name: 'Visit', fields: [{ column: 'healthEnc', purpose: 'visit.health' }] },
]

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

/** Rows with any field not under the current key. */
const staleWhere = (table: Table) =>
  table.fields.map((f) => `(${quote(f.column)} IS NOT NULL AND ${quote(f.column)} NOT LIKE $1)`).join(' OR ')

const rotateTable = async (prisma: Db, crypto: FieldCrypto, table: Table, batchSize: number) => {
  const currentPrefix = `v1:${crypto.keyId}:%`
  const columns = table.fields.map((f) => quote(f.column)).join(', ')
  let moved = 0
  let afterId = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<Record<string, string | null>[]>(
      `SELECT id::text AS id, ${columns} FROM ${quote(table.name)} WHERE (${staleWhere(table)}) AND id > $2::uuid ORDER BY id LIMIT ${batchSize}`,
      currentPrefix,
      afterId,
    )
    if (!rows.length) return moved
    for (const row of rows) {
      const sets: string[] = []
      const guards: string[] = []
      const values: (string | null)[] = [row.id as string]
      for (const field of table.fields) {
        const sealed = row[field.column]
        if (!sealed || crypto.isCurrent(sealed)) continue
        const plaintext = crypto.decrypt(sealed, field.purpose)
        values.push(crypto.encrypt(plaintext, field.purpose), sealed)
        sets.push(`${quote(field.column)} = $${values.length - 1}`)
        guards.push(`${quote(field.column)} = $${values.length}`)
        if (field.index) {
          values.push(crypto.blindIndex(plaintext, field.index.kind))
          sets.push(`${quote(field.index.column)} = $${values.length}`)
        }
      }
      if (!sets.length) continue
      const count = await prisma.$executeRawUnsafe(
        `UPDATE ${quote(table.name)} SET ${sets.join(', ')} WHERE id = $1::uuid AND ${guards.join(' AND ')}`,
        ...values,
      )
      moved += count
    }
    afterId = rows.at(-1)?.id ?? afterId
  }
}

/** Stored retry results are sealed too; a retry after the rotation must still open them. */
const rotateRetryResults = async (prisma: Db, crypto: FieldCrypto, batchSize: number) => {
  let moved = 0
  const NIL = '00000000-0000-0000-0000-000000000000'
  let after = { userId: NIL, clientMutationId: NIL }
  for (;;) {
    const keys = await prisma.$queryRawUnsafe<{ userId: string; clientMutationId: string; sealed: string }[]>(
      `SELECT "userId"::text AS "userId", "clientMutationId"::text AS "clientMutationId", result->>'sealed' AS sealed FROM "IdempotencyKey"
        WHERE result->>'sealed' NOT LIKE $1 AND ("userId", "clientMutationId") > ($2::uuid, $3::uuid)
        ORDER BY "userId", "clientMutationId" LIMIT ${batchSize}`,
      `v1:${crypto.keyId}:%`,
      after.userId,
      after.clientMutationId,
    )
    if (!keys.length) return moved
    for (const key of keys) {
      const resealed = crypto.encrypt(crypto.decrypt(key.sealed, 'idempotency.result'), 'idempotency.result')
      moved += await prisma.$executeRawUnsafe(
        `UPDATE "IdempotencyKey" SET result = jsonb_build_object('sealed', $4::text)
          WHERE "userId" = $1::uuid AND "clientMutationId" = $2::uuid AND result->>'sealed' = $3`,
        key.userId,
        key.clientMutationId,
        key.sealed,
        resealed,
      )
    }
    after = keys.at(-1) ?? after
  }
}

const countStale = async (prisma: Db, crypto: FieldCrypto) => {
  let remaining = 0
  for (const table of TABLES) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM ${quote(table.name)} WHERE ${staleWhere(table)}`,
      `v1:${crypto.keyId}:%`,
    )
    remaining += Number(row?.n ?? 0)
  }
  return remaining
}

export const rotateFieldKey = async (
  prisma: Db,
  crypto: FieldCrypto,
  { batchSize = 200 }: { batchSize?: number } = {},
): Promise<RotationReport> => {
  const moved: Record<string, number> = {}
  for (const table of TABLES) moved[table.name] = await rotateTable(prisma, crypto, table, batchSize)
  moved.IdempotencyKey = await rotateRetryResults(prisma, crypto, batchSize)
  const report = { keyId: crypto.keyId, moved, remaining: await countStale(prisma, crypto) }
  await prisma.auditLog.create({
    data: { actorId: null, action: 'keys.rotate', entityType: 'FieldKey', entityId: crypto.keyId, after: report },
  })
  return report
}
