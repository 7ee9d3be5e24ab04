// The 行政区划代码 rules of village.create, village.update and the village list import:
//   - a code names one village (VILLAGE_CODE_TAKEN);
//   - villages whose codes share the first 6 digits (the county) carry one county name, and those
//     sharing the first 9 (the township) one township name (VILLAGE_CODE_MISMATCH), so that the
//     台账's 县/乡 columns, and the filters built on them, agree with the codes.
// Every write of a village's code or names runs under one lock: two requests could otherwise each
// pass the check against the other's uncommitted village. Villages are written rarely, by
// administrators, so one transaction-scoped advisory lock costs nothing.
import { countyCodeOf, townshipCodeOf } from '../../../common/contracts/village/village-fields'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import type { ServiceContext } from '../service-context'

export const lockVillageCodes = (db: Tx) =>
  db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('village-codes', 0))`

export type VillagePlace = { adminCode: string; county: string; township: string }

export type PlaceProblem = { field: 'county' | 'township'; message: string }

/** 「630121 开头的村属于 大通县，与填写的 湟中区 不一致，请核对」 */
export const placeMismatchMessage = (codePrefix: string, onRecord: readonly string[], given: string) =>
  `${codePrefix} 开头的村属于 ${onRecord.join('、')}，与填写的 ${given} 不一致，请核对`

const distinct = (names: Iterable<string>) => [...new Set(names)].sort()

/**
 * Where a village's county and township names disagree with those of the villages on record that
 * share its code's county (6 digits) and township (9 digits). Any name on record is accepted, so
 * that villages written before the rule held do not block their neighbours.
 */
export const placeProblems = (village: VillagePlace, onRecord: readonly VillagePlace[]): PlaceProblem[] => {
  const countyCode = countyCodeOf(village.adminCode)
  const townshipCode = townshipCodeOf(village.adminCode)
  const counties = distinct(onRecord.filter((v) => countyCodeOf(v.adminCode) === countyCode).map((v) => v.county))
  const townships = distinct(
    onRecord.filter((v) => townshipCodeOf(v.adminCode) === townshipCode).map((v) => v.township),
  )
  const problems: PlaceProblem[] = []
  if (counties.length && !counties.includes(village.county))
    problems.push({ field: 'county', message: placeMismatchMessage(countyCode, counties, village.county) })
  if (townships.length && !townships.includes(village.township))
    problems.push({ field: 'township', message: placeMismatchMessage(townshipCode, townships, village.township) })
  return problems
}

const placeSelect = { id: true, name: true, county: true, township: true, adminCode: true } as const

/** The villages whose codes start with one of the county codes given: what a check compares with. */
export const villagesInCounties = (db: Tx, countyCodes: readonly string[]) =>
  countyCodes.length
    ? db.village.findMany({
        where: { OR: countyCodes.map((code) => ({ adminCode: { startsWith: code } })) },
        select: placeSelect,
      })
    : Promise.resolve([])

/** 「行政区划代码 630121105201 已由 前跃村（大通县良教乡）使用，请核对」 */
export const codeTakenMessage = (adminCode: string, holder: { name: string; county: string; township: string }) =>
  `行政区划代码 ${adminCode} 已由 ${holder.name}（${holder.county}${holder.township}）使用，请核对`

/**
 * A village's code and names, checked against every other village (`exceptId`: the one being
 * edited). Call under lockVillageCodes.
 */
export const assertVillagePlace = async (ctx: ServiceContext, village: VillagePlace & { exceptId?: string }) => {
  const holder = await ctx.db.village.findUnique({ where: { adminCode: village.adminCode }, select: placeSelect })
  if (holder && holder.id !== village.exceptId) {
    const message = codeTakenMessage(village.adminCode, holder)
    throw new AppError('VILLAGE_CODE_TAKEN', { message, fieldErrors: { adminCode: [message] } })
  }
  const neighbours = await villagesInCounties(ctx.db, [countyCodeOf(village.adminCode)])
  const problems = placeProblems(
    village,
    neighbours.filter((v) => v.id !== village.exceptId),
  )
  const [first] = problems
  if (first)
    throw new AppError('VILLAGE_CODE_MISMATCH', {
      message: first.message,
      fieldErrors: Object.fromEntries(problems.map((p) => [p.field, [p.message]])),
    })
}
