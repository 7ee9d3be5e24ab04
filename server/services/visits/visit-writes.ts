// What creating and updating a visit share: visitors, goods lines, sealed health notes.
import { dateOnlyToDate } from '../../../common/dates'
import { goodsLineValueFen, goodsValueFen } from '../../../common/goods'
import { fieldError } from '../../errors'
import type { TVisitFields } from '../../routers/visit/visit.types'
import type { ServiceContext } from '../service-context'

/** The person logging the visit always went; others must be active staff. */
export const visitorIdsOf = async (ctx: ServiceContext, visitorIds: string[]) => {
  const ids = [...new Set([ctx.actor.userId, ...visitorIds])]
  const found = await ctx.db.user.count({ where: { id: { in: ids }, isActive: true, memberships: { some: {} } } })
  if (found !== ids.length) throw fieldError('visitorIds', '走访人员中有不存在或已停用的账号')
  return ids
}

export const visitValueColumns = (ctx: ServiceContext, fields: TVisitFields) => ({
  visitedOn: dateOnlyToDate(fields.visitedOn),
  healthEnc: fields.healthNotes ? ctx.crypto.encrypt(fields.healthNotes, 'visit.health') : null,
  livingConditions: fields.livingConditions ?? null,
  difficulties: fields.difficulties ?? null,
  cashFen: fields.cashFen,
  goodsValueFen: goodsValueFen(fields.goods),
})

export const goodsRows = (goods: TVisitFields['goods']) =>
  goods.map((line) => ({ ...line, valueFen: goodsLineValueFen(line) }))
