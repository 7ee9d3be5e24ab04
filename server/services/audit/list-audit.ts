// 审计日志 for administrators: who did what to which record, and when, newest first. The log holds
// no personal data (write-audit.ts), and the viewer shows only which fields an entry changed, not
// their values, so reading it reveals nothing about a household.
import type { TListAuditRequest } from '../../../common/contracts/audit/list-audit'
import { nextDay, shanghaiDayStart } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import type { ServiceContext } from '../service-context'

const changedFields = (before: Prisma.JsonValue, after: Prisma.JsonValue): string[] => {
  const asObject = (value: Prisma.JsonValue) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Prisma.JsonValue>) : {}
  const b = asObject(before)
  const a = asObject(after)
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  const quiet = new Set(['updatedAt', 'createdAt', 'version', 'id'])
  return keys.filter((key) => !quiet.has(key) && JSON.stringify(b[key]) !== JSON.stringify(a[key])).sort()
}

export const listAudit = async ({ ctx, input }: { ctx: ServiceContext; input: TListAuditRequest }) => {
  const where: Prisma.AuditLogWhereInput = {
    ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.from || input.to
      ? {
          createdAt: {
            ...(input.from ? { gte: shanghaiDayStart(input.from) } : {}),
            ...(input.to ? { lt: shanghaiDayStart(nextDay(input.to)) } : {}),
          },
        }
      : {}),
  }
  const rows = await ctx.db.auditLog.findMany({
    where,
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    select: {
      id: true,
      createdAt: true,
      actorId: true,
      action: true,
      entityType: true,
      entityId: true,
      requestId: true,
      chainSeq: true,
      before: true,
      after: true,
    },
  })
  const page = rows.slice(0, input.limit)
  const actorIds = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))]
  const actors = await ctx.db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, displayName: true },
  })
  const nameOf = new Map(actors.map((a) => [a.id, a.displayName]))
  return {
    items: page.map(({ id, chainSeq, before, after, actorId, ...entry }) => ({
      ...entry,
      id: id.toString(),
      chainSeq: chainSeq?.toString() ?? null,
      actor: actorId ? { id: actorId, displayName: nameOf.get(actorId) ?? null } : null,
      changedFields: changedFields(before, after),
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id.toString() ?? null) : null,
  }
}
