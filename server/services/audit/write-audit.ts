// Append-only audit trail of every mutation: who, what, which record, before and after, and the
// request it came from. Snapshots are sanitised: ciphertexts and hashes are dropped (the masks
// stay), so the trail never holds plaintext personal data.
import type { Prisma } from '../../generated/prisma/client'
import type { ServiceContext } from '../service-context'

const SECRET_KEY = /(Enc|Hash)$|^passwordHash$|^tokenHash$/

/** Plain JSON for the audit log: no secrets, BigInt as decimal strings, Dates as ISO strings. */
export const auditSnapshot = (value: unknown): Prisma.InputJsonValue | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => auditSnapshot(v)) as Prisma.InputJsonValue
  if (typeof value === 'object') {
    const out: Record<string, Prisma.InputJsonValue | null> = {}
    for (const [key, v] of Object.entries(value)) if (!SECRET_KEY.test(key)) out[key] = auditSnapshot(v)
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

export const writeAudit = async (ctx: Pick<ServiceContext, 'db' | 'actor' | 'requestId'>, entry: AuditEntry) => {
  const before = auditSnapshot(entry.before)
  const after = auditSnapshot(entry.after)
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
