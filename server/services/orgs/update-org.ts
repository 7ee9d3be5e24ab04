// Renames an org, or corrects its short name or kind. Closed orgs keep the name they closed with.
import type { TUpdateOrgRequest } from '../../../common/contracts/org/update-org'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { assertNameFree } from './create-org'
import { getOrg } from './get-org'
import { assertMayRename, lockOrg } from './org-access'

export const updateOrg = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateOrgRequest }) => {
  const org = await lockOrg(ctx, input.id)
  assertMayRename(ctx.actor, org)
  if (org.closedAt) throw new AppError('ORG_CLOSED')
  if (org.version !== input.version) throw versionConflict(org.version)
  await assertNameFree(ctx, { name: input.name, parentId: org.parentId, exceptId: org.id })
  const before = await ctx.db.org.findUniqueOrThrow({ where: { id: org.id } })
  const after = await ctx.db.org.update({
    where: { id: org.id },
    data: { name: input.name, shortName: input.shortName ?? null, kind: input.kind, version: { increment: 1 } },
  })
  await writeAudit(ctx, { action: 'org.update', entityType: 'Org', entityId: org.id, before, after })
  return getOrg({ ctx, id: org.id })
}
