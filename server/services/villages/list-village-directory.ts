// 管理 → 村: every village of the ledger, for administrators, in 行政区划 order (county, township,
// name), searched by name or code prefix and filtered by county or township; each with the orgs
// paired with it now and how many 驻村干部 hold a post there now. Paged.
import type { TListVillageDirectoryRequest } from '../../../common/contracts/village/list-village-directory'
import { dateToDateOnly } from '../../../common/dates'
import { toPage } from '../../../common/pagination'
import { runAll } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { liveOn, today } from '../auth/periods'
import type { ServiceContext } from '../service-context'

const searchWhere = (search: string | undefined): Prisma.VillageWhereInput => {
  if (!search) return {}
  return /^\d+$/.test(search) ? { adminCode: { startsWith: search } } : { name: { contains: search } }
}

export const listVillageDirectory = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TListVillageDirectoryRequest
}) => {
  const rows = await ctx.db.village.findMany({
    where: {
      AND: [
        searchWhere(input.search),
        input.county ? { county: input.county } : {},
        input.township ? { township: input.township } : {},
      ],
    },
    select: { id: true, name: true, county: true, township: true, adminCode: true, version: true },
    orderBy: [{ county: 'asc' }, { township: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  const page = toPage(rows, input.limit)
  const ids = page.items.map((v) => v.id)
  const day = today()
  // The page's pairings and posts only, by their villageId indexes.
  const [pairings, posts] = await runAll(ctx.db, [
    () =>
      ctx.db.orgVillagePair.findMany({
        where: { villageId: { in: ids }, ...liveOn(day) },
        select: { id: true, villageId: true, startedOn: true, org: { select: { id: true, name: true } } },
        orderBy: [{ startedOn: 'asc' }, { id: 'asc' }],
      }),
    () =>
      ctx.db.cadreVillage.groupBy({
        by: ['villageId'],
        where: { villageId: { in: ids }, user: { isActive: true }, ...liveOn(day) },
        _count: { _all: true },
      }),
  ])
  const cadreCounts = new Map(posts.map((g) => [g.villageId, g._count._all]))
  return {
    ...page,
    items: page.items.map((village) => ({
      ...village,
      currentPairings: pairings
        .filter((p) => p.villageId === village.id)
        .map((p) => ({ id: p.id, org: p.org, startedOn: dateToDateOnly(p.startedOn) })),
      currentCadreCount: cadreCounts.get(village.id) ?? 0,
    })),
  }
}
