// 我的家庭: everything the ledger holds about a resident's own household, as the right of access
// (PIPL Art. 45) requires: the profile, members, risks, help measures, and the help received.
// ID numbers and phones stay masked (the family knows them). Of members' health only the status
// is shown: the details are each member's own sensitive data, and whoever bound the account may
// not be the member concerned. What is wrong can be corrected through a 信息更正 need.
import { dateToDateOnly } from '../../../common/dates'
import { toFen, toFenOrNull } from '../../lib/fen'
import { householdProfileSelect, memberSelect } from '../households/household-selects'
import { openHealth } from '../households/personal-fields'
import type { ServiceContext } from '../service-context'

type ResidentContext = ServiceContext & { householdId: string }

const healthStatusOf = (health: ReturnType<typeof openHealth>) => (health ? { status: health.status } : null)

export const getMyHousehold = async ({ ctx }: { ctx: ResidentContext }) => {
  const h = await ctx.db.household.findUniqueOrThrow({
    where: { id: ctx.householdId },
    select: {
      ...householdProfileSelect,
      helpMeasures: true,
      updatedAt: true,
      village: { select: { name: true, township: true, county: true } },
      responsibleUser: { select: { displayName: true } },
      members: { orderBy: { sortOrder: 'asc' }, select: { id: true, ...memberSelect } },
      risks: { orderBy: { identifiedMonth: 'asc' }, select: { code: true, identifiedMonth: true, isEliminated: true } },
      visits: { select: { cashFen: true, goodsValueFen: true } },
      donations: { where: { voidedAt: null }, select: { amountFen: true } },
    },
  })
  return {
    code: h.code,
    headName: h.headName,
    idNumberMasked: h.idNumberMask,
    phoneMasked: h.phoneMask,
    groupName: h.groupName,
    householdType: h.householdType,
    category: h.category,
    incomePerCapitaFen: toFenOrNull(h.incomePerCapitaFen),
    helpMeasures: h.helpMeasures,
    monitoringStartedOn: h.monitoringStartedOn ? dateToDateOnly(h.monitoringStartedOn) : null,
    updatedAt: h.updatedAt,
    village: h.village,
    responsibleUserName: h.responsibleUser?.displayName ?? null,
    members: h.members.map(({ healthEnc, idNumberMask, ...member }) => ({
      ...member,
      idNumberMasked: idNumberMask,
      health: healthStatusOf(openHealth(ctx.crypto, healthEnc)),
    })),
    risks: h.risks,
    help: {
      visitCount: h.visits.length,
      receivedFen: toFen(
        h.visits.reduce((sum, v) => sum + v.cashFen + v.goodsValueFen, 0n) +
          h.donations.reduce((sum, d) => sum + d.amountFen, 0n),
      ),
    },
  }
}

export type MyHousehold = Awaited<ReturnType<typeof getMyHousehold>>
