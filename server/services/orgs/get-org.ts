// One org for 管理 → 组织: where it sits (its ancestors, for the breadcrumb), what hangs on it, and
// its pairings with villages, current and ended. Org names are not personal data; any staff member
// may read any org, but only those who manage it see `canManage`.
import { dateToDateOnly } from '../../../common/dates'
import { runAll } from '../../db/client'
import { AppError } from '../../errors'
import { today } from '../auth/periods'
import type { ServiceContext } from '../service-context'
import { orgViewSelect, toOrgView } from './org-views'

export const getOrg = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const day = today()
  const row = await ctx.db.org.findUnique({ where: { id }, select: orgViewSelect(day) })
  if (!row) throw new AppError('NOT_FOUND', { message: '没有找到这个组织' })
  const ancestorIds = row.path.split('/').filter((part) => part && part !== row.id)
  const [ancestors, pairings] = await runAll(ctx.db, [
    () => ctx.db.org.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true, path: true } }),
    () =>
      ctx.db.orgVillagePair.findMany({
        where: { orgId: id },
        select: {
          id: true,
          startedOn: true,
          endedOn: true,
          village: { select: { id: true, name: true, township: true, county: true } },
        },
        orderBy: [{ endedOn: { sort: 'desc', nulls: 'first' } }, { startedOn: 'desc' }],
      }),
  ])
  return {
    ...toOrgView(ctx.actor, row),
    ancestors: ancestors.sort((a, b) => a.path.length - b.path.length).map(({ id, name }) => ({ id, name })),
    pairings: pairings.map((p) => ({
      id: p.id,
      village: p.village,
      startedOn: dateToDateOnly(p.startedOn),
      endedOn: p.endedOn ? dateToDateOnly(p.endedOn) : null,
      isCurrent: p.endedOn === null || p.endedOn > day,
    })),
  }
}

export type OrgDetail = Awaited<ReturnType<typeof getOrg>>
