// A household's whole record, as its detail page shows it: profile, members, risks, needs, the
// visits it received and the help it got. ID numbers and phones come masked; members' health
// only reaches those who keep the village's records.
import { dateToDateOnly, shanghaiDate } from '../../../common/dates'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import { toFen, toFenOrNull } from '../../lib/fen'
import { isOverdue } from '../needs/need-views'
import { userRefSelect } from '../record-selects'
import { householdScope, keepsRecordsOf } from '../scope'
import type { ServiceContext } from '../service-context'
import { householdProfileSelect, memberSelect } from './household-selects'
import { openHealth } from './personal-fields'

const householdDetailSelect = {
  id: true,
  version: true,
  ...householdProfileSelect,
  wageIncomeFen: true,
  businessIncomeFen: true,
  propertyIncomeFen: true,
  transferIncomeFen: true,
  helpMeasures: true,
  monitoringEndedOn: true,
  anonymisedAt: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
  village: { select: { id: true, name: true, township: true, county: true } },
  responsibleUser: { select: userRefSelect },
  members: { orderBy: { sortOrder: 'asc' }, select: { id: true, ...memberSelect, workInfo: true } },
  risks: {
    orderBy: { identifiedMonth: 'asc' },
    select: {
      code: true,
      identifiedMonth: true,
      isEliminated: true,
      eliminatedMonth: true,
      eliminationMethod: true,
    },
  },
  needs: {
    orderBy: { createdAt: 'desc' },
    select: { id: true, category: true, description: true, status: true, urgency: true, dueOn: true, createdAt: true },
  },
  visits: {
    orderBy: [{ visitedOn: 'desc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      visitedOn: true,
      cashFen: true,
      livingConditions: true,
      difficulties: true,
      activity: { select: { id: true, theme: true } },
      visitors: { select: { user: { select: userRefSelect } } },
      goods: { select: { item: true, quantity: true, unit: true, valueFen: true } },
    },
  },
  donations: {
    where: { voidedAt: null },
    orderBy: { receivedOn: 'desc' },
    select: { id: true, donorName: true, kind: true, amountFen: true, receivedOn: true },
  },
} satisfies Prisma.HouseholdSelect

export const getHousehold = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const row = await ctx.db.household.findFirst({
    where: { id, ...householdScope(ctx.actor) },
    select: householdDetailSelect,
  })
  if (!row) throw new AppError('NOT_FOUND')
  const keepsRecords = keepsRecordsOf(ctx.actor, row.village.id)
  const today = shanghaiDate()

  const visitCashFen = toFen(row.visits.reduce((sum, v) => sum + v.cashFen, 0n))
  const visitGoodsValueFen = toFen(
    row.visits.reduce((sum, v) => sum + v.goods.reduce((s, g) => s + g.valueFen, 0n), 0n),
  )
  const donationFen = (kind: 'CASH' | 'GOODS') =>
    toFen(row.donations.filter((d) => d.kind === kind).reduce((sum, d) => sum + d.amountFen, 0n))

  return {
    id: row.id,
    version: row.version,
    code: row.code,
    headName: row.headName,
    idNumberMasked: row.idNumberMask,
    phoneMasked: row.phoneMask,
    groupName: row.groupName,
    householdType: row.householdType,
    category: row.category,
    incomePerCapitaFen: toFenOrNull(row.incomePerCapitaFen),
    wageIncomeFen: toFenOrNull(row.wageIncomeFen),
    businessIncomeFen: toFenOrNull(row.businessIncomeFen),
    propertyIncomeFen: toFenOrNull(row.propertyIncomeFen),
    transferIncomeFen: toFenOrNull(row.transferIncomeFen),
    helpMeasures: row.helpMeasures,
    monitoringStartedOn: row.monitoringStartedOn ? dateToDateOnly(row.monitoringStartedOn) : null,
    monitoringEndedOn: row.monitoringEndedOn ? dateToDateOnly(row.monitoringEndedOn) : null,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    village: row.village,
    responsibleUser: row.responsibleUser,
    anonymisedAt: row.anonymisedAt,
    permissions: {
      canEdit: keepsRecords && !row.anonymisedAt,
      canReveal: keepsRecords && !row.anonymisedAt,
      canSeeHealth: keepsRecords,
    },
    members: row.members.map(({ healthEnc, idNumberMask, ...member }) => ({
      ...member,
      idNumberMasked: idNumberMask,
      health: keepsRecords ? openHealth(ctx.crypto, healthEnc) : null,
    })),
    risks: row.risks,
    needs: row.needs.map((need) => {
      const dueOn = need.dueOn ? dateToDateOnly(need.dueOn) : null
      return { ...need, dueOn, isOverdue: isOverdue(need.status, dueOn, today) }
    }),
    visits: row.visits.map((visit) => ({
      id: visit.id,
      visitedOn: dateToDateOnly(visit.visitedOn),
      activity: visit.activity,
      visitors: visit.visitors.map((v) => v.user),
      goods: visit.goods.map((g) => ({ ...g, valueFen: toFen(g.valueFen) })),
      cashFen: toFen(visit.cashFen),
      livingConditions: visit.livingConditions,
      difficulties: visit.difficulties,
    })),
    donations: row.donations.map((d) => ({
      ...d,
      amountFen: toFen(d.amountFen),
      receivedOn: dateToDateOnly(d.receivedOn),
    })),
    helpReceived: {
      visitCashFen,
      visitGoodsValueFen,
      donationCashFen: donationFen('CASH'),
      donationGoodsValueFen: donationFen('GOODS'),
      totalFen: visitCashFen + visitGoodsValueFen + donationFen('CASH') + donationFen('GOODS'),
    },
  }
}

export type HouseholdDetail = Awaited<ReturnType<typeof getHousehold>>
