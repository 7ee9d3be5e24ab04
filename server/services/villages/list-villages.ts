// Villages in the caller's scope, with the people who work there: for pickers in forms.
import { runAll } from '../../db/client'
import { AppError } from '../../errors'
import { liveOn } from '../auth/periods'
import { villageScope } from '../scope'
import type { ServiceContext } from '../service-context'

export const listVillages = ({ ctx }: { ctx: ServiceContext }) =>
  ctx.db.village.findMany({
    where: villageScope(ctx.actor),
    select: {
      id: true,
      name: true,
      township: true,
      county: true,
      adminCode: true,
      orgPairs: { where: liveOn(), select: { org: { select: { id: true, name: true } } } },
    },
    orderBy: [{ county: 'asc' }, { township: 'asc' }, { name: 'asc' }],
  })

/** The village's resident cadres and the members of its paired orgs (visitors, 帮扶责任人). */
export const listVillagePeople = async ({ ctx, villageId }: { ctx: ServiceContext; villageId: string }) => {
  const village = await ctx.db.village.findFirst({
    where: { id: villageId, ...villageScope(ctx.actor) },
    select: { id: true },
  })
  if (!village) throw new AppError('NOT_FOUND')
  const [cadres, members] = await runAll(ctx.db, [
    () =>
      ctx.db.cadreVillage.findMany({
        where: { villageId, user: { isActive: true }, ...liveOn() },
        select: { post: true, user: { select: { id: true, displayName: true } } },
        orderBy: { startedOn: 'asc' },
      }),
    () =>
      ctx.db.membership.findMany({
        where: {
          org: { villagePairs: { some: { villageId, ...liveOn() } } },
          role: { in: ['SECRETARY', 'MEMBER'] },
          user: { isActive: true },
          ...liveOn(),
        },
        select: {
          role: true,
          title: true,
          org: { select: { id: true, name: true } },
          user: { select: { id: true, displayName: true } },
        },
        orderBy: [{ org: { name: 'asc' } }, { role: 'asc' }],
      }),
  ])
  return {
    cadres: cadres.map((c) => ({ ...c.user, post: c.post })),
    members: members.map((m) => ({ ...m.user, role: m.role, title: m.title, org: m.org })),
  }
}
