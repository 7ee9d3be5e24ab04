// 疑点 (data-quality doubts), in the spirit of the national 防返贫监测 system's 疑点数据 rules: things
// that are allowed but probably wrong, for a cadre to look at. Warnings, never blocks. One set of
// rules for the roster import (on the rows of the file) and for household.dataChecks (on the
// households in the caller's scope).
//   - 缺劳动力 risk open while every member is recorded 有劳动能力;
//   - a risk marked 已消除 while 家庭人均纯收入 (incomePerCapitaFen) is not recorded: elimination is
//     judged on income, so it should be there;
//   - a need 已办结 more than FOLLOW_UP_DUE_DAYS ago and still not 回访 (有诉必应 ends with a 回访);
//   - the same ID number in two households, or twice in one (the 户主 listed again as a member
//     with relationship 户主 is not a duplicate). New records cannot do this (assertIdNumbersFree);
//     records from before that check, or written under a previous field key, can.

import type { DataCheckCode, TListDataChecksRequest } from '../../../common/contracts/household/list-data-checks'
import type { LaborCapacity, NeedStatus, Relationship, RiskCode } from '../../../common/enums'
import { RISK_CODE_LABELS } from '../../../common/enums'
import type { Prisma } from '../../generated/prisma/client'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'

export type DataCheck = { code: DataCheckCode; message: string }

/** A need 已办结 this many days ago should have had its 回访. */
export const FOLLOW_UP_DUE_DAYS = 15

/** What the rules read of a household, from a form, a file or the database. */
export type CheckedHousehold = {
  incomePerCapitaFen?: number | bigint | null | undefined
  members: readonly { laborCapacity: LaborCapacity }[]
  risks: readonly { code: RiskCode; isEliminated: boolean }[]
  /** When its needs were 办结, for those still at 已办结 (not 回访). */
  resolvedNeedsAt?: readonly (Date | null)[]
}

/** The rules that read one household alone. */
export const householdDataChecks = (household: CheckedHousehold, now = new Date()): DataCheck[] => {
  const checks: DataCheck[] = []
  const hasOpenLaborShortage = household.risks.some((r) => r.code === 'LABOR_SHORTAGE' && !r.isEliminated)
  if (
    hasOpenLaborShortage &&
    household.members.length > 0 &&
    household.members.every((m) => m.laborCapacity === 'ABLE')
  ) {
    checks.push({
      code: 'LABOR_SHORTAGE_ALL_ABLE',
      message: '风险类型为「缺劳动力」，但家庭成员均为「有劳动能力」，请核对',
    })
  }
  const eliminated = household.risks.filter((r) => r.isEliminated)
  if (eliminated.length && (household.incomePerCapitaFen === null || household.incomePerCapitaFen === undefined)) {
    const labels = eliminated.map((r) => RISK_CODE_LABELS[r.code]).join('、')
    checks.push({
      code: 'ELIMINATED_RISK_NO_INCOME',
      message: `风险已消除（${labels}），但未填写家庭人均纯收入，请补充`,
    })
  }
  const dueBefore = now.getTime() - FOLLOW_UP_DUE_DAYS * 86_400_000
  const overdue = (household.resolvedNeedsAt ?? []).filter((at) => at && at.getTime() < dueBefore).length
  if (overdue) {
    checks.push({
      code: 'RESOLVED_NOT_FOLLOWED_UP',
      message: `${overdue} 件诉求办结已超过 ${FOLLOW_UP_DUE_DAYS} 天仍未回访`,
    })
  }
  return checks
}

const DUPLICATE_ID_NUMBER: DataCheck = {
  code: 'DUPLICATE_ID_NUMBER',
  message: '身份证号码与其他家庭或本户其他成员重复，请核对',
}

/** The ID numbers' blind indexes of one household: the head's, and each member's. */
type IdNumberHashes = {
  headHash: string | null
  members: readonly { idNumberHash: string | null; relationship: Relationship }[]
}

/** Households (by id) that share an ID number with another, or hold one twice. */
export const householdsWithDuplicateIdNumbers = (households: readonly (IdNumberHashes & { id: string })[]) => {
  const holders = new Map<string, Set<string>>()
  const duplicated = new Set<string>()
  for (const household of households) {
    const seen = new Map<string, 'head' | 'member'>()
    if (household.headHash) seen.set(household.headHash, 'head')
    for (const member of household.members) {
      if (!member.idNumberHash) continue
      const first = seen.get(member.idNumberHash)
      if (first && !(first === 'head' && member.relationship === 'HEAD')) duplicated.add(household.id)
      seen.set(member.idNumberHash, 'member')
    }
    for (const hash of seen.keys()) holders.set(hash, (holders.get(hash) ?? new Set()).add(household.id))
  }
  for (const ids of holders.values()) if (ids.size > 1) for (const id of ids) duplicated.add(id)
  return duplicated
}

const dataCheckSelect = {
  id: true,
  code: true,
  headName: true,
  idNumberHash: true,
  incomePerCapitaFen: true,
  village: { select: { id: true, name: true } },
  members: { select: { laborCapacity: true, idNumberHash: true, relationship: true } },
  risks: { select: { code: true, isEliminated: true } },
  needs: { where: { status: 'RESOLVED' satisfies NeedStatus }, select: { resolvedAt: true } },
} satisfies Prisma.HouseholdSelect

/** At most this many households are listed; `total` says how many have 疑点. */
const MAX_LISTED = 500

/** 疑点 of the households in the caller's scope (household.dataChecks). */
export const listDataChecks = async ({ ctx, input }: { ctx: ServiceContext; input: TListDataChecksRequest }) => {
  const rows = await ctx.db.household.findMany({
    where: {
      AND: [householdScope(ctx.actor), { anonymisedAt: null }, input.villageId ? { villageId: input.villageId } : {}],
    },
    select: dataCheckSelect,
    orderBy: [{ village: { name: 'asc' } }, { code: 'asc' }, { id: 'asc' }],
  })
  const duplicated = householdsWithDuplicateIdNumbers(rows.map((r) => ({ ...r, headHash: r.idNumberHash })))
  const now = new Date()
  const flagged = rows.flatMap((row) => {
    const checks = householdDataChecks({ ...row, resolvedNeedsAt: row.needs.map((n) => n.resolvedAt) }, now)
    if (duplicated.has(row.id)) checks.push(DUPLICATE_ID_NUMBER)
    return checks.length
      ? [{ householdId: row.id, code: row.code, headName: row.headName, village: row.village, checks }]
      : []
  })
  const counts: Record<DataCheckCode, number> = {
    LABOR_SHORTAGE_ALL_ABLE: 0,
    ELIMINATED_RISK_NO_INCOME: 0,
    RESOLVED_NOT_FOLLOWED_UP: 0,
    DUPLICATE_ID_NUMBER: 0,
  }
  for (const item of flagged) for (const check of item.checks) counts[check.code] += 1
  return {
    householdsChecked: rows.length,
    total: flagged.length,
    counts,
    items: flagged.slice(0, MAX_LISTED),
    isTruncated: flagged.length > MAX_LISTED,
  }
}
