// Append-only audit trail of every mutation: who, what, which record, before and after, and the
// request it came from. The trail is append-only and chained, so it cannot forget: snapshots
// therefore hold no personal data at all.
//   - ciphertexts and hashes are dropped;
//   - names, masks and free text about a household (its circumstances, needs, notes) are replaced
//     by a short keyed digest, "#<key id>:<digest>": the trail still shows that a field changed,
//     and which entries share a value, but not the value, and it stays true after the household
//     is anonymised (docs/retention.md).
import type { Prisma } from '../../generated/prisma/client'
import type { FieldCrypto } from '../../lib/field-crypto'
import type { ServiceContext } from '../service-context'

const SECRET_KEY = /(Enc|Hash)$|^passwordHash$|^tokenHash$/

/**
 * Fields that name a person, or hold free text about people (a donor may be a private person; an
 * activity's summary may name the households visited), and staff accounts' sign-in phones. Reasons
 * stay readable: a reveal's reason is what the trail is for, and an absence's reason is kept
 * beside a digested name.
 */
const PERSONAL_KEY =
  /^(headName|name|displayName|donorName|idNumberMask|phoneMask|phone|notes|note|workInfo|livingConditions|difficulties|description|summary)$/

/** A value's keyed digest: equal values give equal digests under one key. */
const digestOf = (crypto: FieldCrypto, value: string) =>
  `#${crypto.keyId}:${crypto.digest(`audit\u0000${value}`).slice(0, 16)}`

/** Plain JSON for the audit log: no personal data, BigInt as decimal strings, Dates as ISO strings. */
export const auditSnapshot = (crypto: FieldCrypto, value: unknown): Prisma.InputJsonValue | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => auditSnapshot(crypto, v)) as Prisma.InputJsonValue
  if (typeof value === 'object') {
    const out: Record<string, Prisma.InputJsonValue | null> = {}
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) continue
      out[key] = PERSONAL_KEY.test(key) && typeof v === 'string' ? digestOf(crypto, v) : auditSnapshot(crypto, v)
    }
    return out as Prisma.InputJsonValue
  }
  return value as Prisma.InputJsonValue
}

export type AuditEntry = {
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
}

export const writeAudit = async (
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'requestId' | 'crypto'>,
  entry: AuditEntry,
) => {
  const before = auditSnapshot(ctx.crypto, entry.before)
  const after = auditSnapshot(ctx.crypto, entry.after)
  await ctx.db.auditLog.create({
    data: {
      actorId: ctx.actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      requestId: ctx.requestId,
      ...(before === null ? {} : { before }),
      ...(after === null ? {} : { after }),
    },
  })
}
