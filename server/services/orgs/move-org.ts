// Moves an org, with everything below it, under another parent: one statement rewrites the
// materialised paths of the whole subtree, so "this org and below" stays one prefix match. The
// records of the subtree (activities, donations, pairings) are untouched; who reaches them follows
// the tree from the next request on.
import type { TMoveOrgRequest } from '../../../common/contracts/org/move-org'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { assertNameFree } from './create-org'
import { getOrg } from './get-org'
import { assertMayAddUnder, assertMayRestructure, lockOrg } from './org-access'
import { childPath } from './org-path'
import { lockTreeForMove } from './org-tree-lock'

export const moveOrg = async ({ ctx, input }: { ctx: ServiceContext; input: TMoveOrgRequest }) => {
  await lockTreeForMove(ctx.db)
  const org = await lockOrg(ctx, input.id)
  assertMayRestructure(ctx.actor, org)
  if (org.closedAt) throw new AppError('ORG_CLOSED')
  if (org.version !== input.version) throw versionConflict(org.version)
  const parent = input.parentId ? await lockOrg(ctx, input.parentId) : null
  if (parent?.path.startsWith(org.path)) throw new AppError('ORG_MOVE_CYCLE', { fieldErrors: { parentId: [] } })
  assertMayAddUnder(ctx.actor, parent)
  if ((parent?.id ?? null) === org.parentId) return getOrg({ ctx, id: org.id })
  const { name } = await ctx.db.org.findUniqueOrThrow({ where: { id: org.id }, select: { name: true } })
  await assertNameFree(ctx, { name, parentId: parent?.id ?? null, exceptId: org.id })

  const newPath = childPath(parent?.path ?? null, org.id)
  const moved = await ctx.db.$executeRaw`
    UPDATE "Org"
       SET "path" = ${newPath} || substr("path", ${org.path.length + 1}), "updatedAt" = now()
     WHERE starts_with("path", ${org.path})`
  await ctx.db.org.update({
    where: { id: org.id },
    data: { parentId: parent?.id ?? null, version: { increment: 1 } },
  })
  await writeAudit(ctx, {
    action: 'org.move',
    entityType: 'Org',
    entityId: org.id,
    before: { parentId: org.parentId, path: org.path },
    after: { parentId: parent?.id ?? null, path: newPath, orgsMoved: moved },
  })
  return getOrg({ ctx, id: org.id })
}
