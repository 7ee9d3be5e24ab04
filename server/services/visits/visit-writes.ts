// What creating and updating a visit share: visitors, goods lines, sealed health notes.

import type { TVisitFields } from '../../../common/contracts/visit/visit-fields'
import { dateOnlyToDate } from '../../../common/dates'
import { goodsLineValueFen, goodsValueFen } from '../../../common/goods'
import { fieldError } from '../../errors'
import { liveOn } from '../auth/periods'
import type { ServiceContext } from '../service-context'

/**
 * The visit's author (whoever logged it) always went; the others must be active staff. A cadre
 * correcting someone else's visit is not thereby recorded as having gone, and people already
 * recorded stay valid even if their account has since been closed.
 */
export const visitorIdsOf = async (
  ctx: ServiceContext,
  { authorId, visitorIds, recorded = [] }: { authorId: string | null; visitorIds: string[]; recorded?: string[] },
) => {
  const ids = [...new Set([...(authorId ? [authorId] : []), ...visitorIds])]
  const added = ids.filter((id) => !recorded.includes(id))
  const found = await ctx.db.user.count({
    where: { id: { in: added }, isActive: true, memberships: { some: liveOn() } },
  })
  if (found !== added.length) throw fieldError('visitorIds', '走访人员中有不存在或已停用的账号')
  return ids
}

export const visitValueColumns = (ctx: ServiceContext, fields: TVisitFields) => ({
  visitedOn: dateOnlyToDate(fields.visitedOn),
  // Omitted keeps the stored finding (a correction need not re-type it), null clears it.
  healthEnc:
    fields.healthNotes === undefined
      ? undefined
      : fields.healthNotes
        ? ctx.crypto.encrypt(fields.healthNotes, 'visit.health')
        : null,
  livingConditions: fields.livingConditions,
  difficulties: fields.difficulties,
  cashFen: fields.cashFen,
  goodsValueFen: goodsValueFen(fields.goods),
})

export const goodsRows = (goods: TVisitFields['goods']) =>
  goods.map((line) => ({ ...line, valueFen: goodsLineValueFen(line) }))
