// The household picker's search: households that can take new records (not anonymised), within
// the caller's scope and, when given, one village; a page at a time in 户编号 order, village by
// village. Each row carries what tells two 王秀英 apart: 户编号, 所在组 and the village.
// One statement: part of a name, a 户编号 or a 所在组 (any case) is looked up in the searchGrams
// index (migration 20261207090000_picker_search), so a search across a province's 300,000
// households reads only the rows that may match, or walks the (villageId, code) index for a text
// most rows hold; one village's page is read off that index. A full ID number goes through its
// blind index, as in household.list.
import type { TSearchHouseholdsRequest } from '../../../common/contracts/household/search-households'
import type { HouseholdCategory } from '../../../common/enums'
import { toPage } from '../../../common/pagination'
import { idNumberProblem } from '../../../common/personal-data'
import { Prisma } from '../../generated/prisma/client'
import { householdScopeSql } from '../scope'
import type { ServiceContext } from '../service-context'
import { escapeLike } from '../text-match'

type Row = {
  id: string
  code: string
  headName: string
  groupName: string | null
  category: HouseholdCategory
  villageId: string
  villageName: string
}

const matchSql = (ctx: ServiceContext, search: string | undefined): Prisma.Sql => {
  if (!search) return Prisma.sql`TRUE`
  const idNumber = search.toUpperCase()
  if (!idNumberProblem(idNumber))
    return Prisma.sql`h."idNumberHash" = ANY(${ctx.crypto.blindIndexes(idNumber, 'idNumber')}::text[])`
  const grams = Prisma.sql`h."searchGrams" @> search_grams_of(${search})`
  // Up to three characters the grams hold the text itself: they say all. Longer, they hold its
  // pieces, which a row may have without the whole.
  if (Array.from(search).length <= 3) return grams
  const pattern = `%${escapeLike(search)}%`
  return Prisma.sql`${grams}
    AND (h."headName" ILIKE ${pattern} OR h."code" ILIKE ${pattern} OR h."groupName" ILIKE ${pattern})`
}

/** After the cursor's household, in the page's order ((villageId, code) is unique). */
const afterSql = (cursor: string | null | undefined): Prisma.Sql =>
  cursor
    ? Prisma.sql`(h."villageId", h."code") >
        (SELECT c."villageId", c."code" FROM "Household" c WHERE c."id" = ${cursor}::uuid)`
    : Prisma.sql`TRUE`

export const searchHouseholds = async ({ ctx, input }: { ctx: ServiceContext; input: TSearchHouseholdsRequest }) => {
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT h."id", h."code", h."headName", h."groupName", h."category"::text AS "category",
           h."villageId", v."name" AS "villageName"
      FROM "Household" h
      JOIN "Village" v ON v."id" = h."villageId"
     WHERE h."anonymisedAt" IS NULL
       AND ${householdScopeSql(ctx.actor, input.villageId)}
       AND ${matchSql(ctx, input.search)}
       AND ${afterSql(input.cursor)}
     ORDER BY h."villageId", h."code"
     LIMIT ${input.limit + 1}`
  return toPage(
    rows.map(({ villageId, villageName, ...household }) => ({
      ...household,
      village: { id: villageId, name: villageName },
    })),
    input.limit,
  )
}
