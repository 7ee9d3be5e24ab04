// 管理 → 组织 → 新建: an org of any kind under a parent the caller manages (or at the top, for an
// administrator). Names are unique among the open orgs under one parent, so the tree never shows
// two 机关党支部 side by side.

import { randomUUID } from 'node:crypto'
import type { TCreateOrgRequest } from '../../../common/contracts/org/create-org'
import { AppError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { getOrg } from './get-org'
import { assertMayAddUnder, lockOrg } from './org-access'
import { childPath } from './org-path'
import { lockTreeForAdd } from './org-tree-lock'

export const assertNameFree = async (
  ctx: ServiceContext,
  { name, parentId, exceptId }: { name: string; parentId: string | null; exceptId?: string },
) => {
  const twin = await ctx.db.org.findFirst({
    where: { name, parentId, closedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  })
  if (twin) throw new AppError('ORG_NAME_TAKEN', { fieldErrors: { name: ['同一上级组织下已有同名组织，请核对'] } })
}

export const createOrg = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateOrgRequest }) => {
  await assertNewId(input.id, (id) => ctx.db.org.findUnique({ where: { id }, select: { id: true } }))
  await lockTreeForAdd(ctx.db)
  const parent = input.parentId ? await lockOrg(ctx, input.parentId) : null
  assertMayAddUnder(ctx.actor, parent)
  await assertNameFree(ctx, { name: input.name, parentId: parent?.id ?? null })
  const id = input.id ?? randomUUID()
  const created = await ctx.db.org.create({
    data: {
      id,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      createdById: ctx.actor.userId,
    },
  })
  await writeAudit(ctx, { action: 'org.create', entityType: 'Org', entityId: id, after: created })
  return getOrg({ ctx, id })
}
