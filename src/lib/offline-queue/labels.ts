// How the 待同步 page names a queued item: what it does, and which record, in the users' words.
import { formatShanghaiDateTime } from '../../../common/dates'
import { NEED_CATEGORY_LABELS, type NeedCategory, type NeedStatus } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { NEED_TRANSITIONS } from '../../../common/need-workflow'
import type { QueueItem } from './types'

const ACTION_LABELS: Record<string, string> = {
  'activity.create': '新建主题党日',
  'activity.update': '修改主题党日',
  'visit.create': '登记走访',
  'visit.update': '修改走访记录',
  'donation.create': '登记捐赠',
  'donation.update': '修改捐赠',
  'donation.void': '作废捐赠',
  'household.create': '新建困难户',
  'household.update': '修改困难户',
  'need.create': '登记诉求',
  'need.update': '修改诉求',
  'need.transition': '诉求流转',
  'resident.submitNeed': '提交诉求',
  'handover.confirm': '发放签收',
  'handover.create': '登记发放',
  'handover.sign': '受助人签字',
  'photo.upload': '上传照片',
}

/** A need's step by where it goes: 直接办理, 办结, 回访… (each target has one name). */
const STEP_LABELS: Partial<Record<NeedStatus, string>> = Object.fromEntries(
  Object.values(NEED_TRANSITIONS)
    .flat()
    .map((rule) => [rule.to, rule.action]),
)

/** A reason is typed freely: a number long enough to be an ID or a phone is not repeated. */
const withoutNumbers = (reason: string) => reason.replace(/\d{6,}[\dXx]?/g, '…').slice(0, 30)

export const actionLabel = (item: QueueItem): string => ACTION_LABELS[item.procedure] ?? '提交'

/** Names a queued record refers to by id, from the copies the phone keeps (lib/pickers/use-names). */
export type ItemNames = { donor?: string | null; household?: string | null }

/** 米、面、油 · 慰问金 ¥500.00: what a visit or a donation hands over, by item names and cash. */
const handedOver = (input: Record<string, unknown>, cashKey: 'cashFen' | 'amountFen'): string => {
  const goods = Array.isArray(input.goods)
    ? input.goods.map((line) => (line as { item?: unknown }).item).filter((item) => typeof item === 'string')
    : []
  const cash = typeof input[cashKey] === 'number' && (input[cashKey] as number) > 0 ? (input[cashKey] as number) : 0
  return [goods.join('、'), cash ? `${cashKey === 'cashFen' ? '慰问金 ' : ''}${formatFen(cash)}` : '']
    .filter(Boolean)
    .join(' · ')
}

/**
 * A line that tells the person which record it is: for a visit, the day, the household and what
 * was handed over; for a donation, the day, the donor and the amount or goods. Never personal data
 * beyond what the lists show (户主 name and 户编号 yes; ID numbers, phones, a need's or a note's
 * free text no).
 */
export const itemSummary = (item: QueueItem, names: ItemNames = {}): string => {
  const input = item.input
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : '')
  if (item.procedure.startsWith('activity.')) return [text('heldOn'), text('theme')].filter(Boolean).join(' ')
  if (item.procedure === 'handover.create') {
    const whom = input.recipientKind === 'CADRE' ? '驻村干部' : names.household
    return [text('handedOverOn'), whom, handedOver(input, 'cashFen')].filter(Boolean).join(' ')
  }
  if (item.procedure === 'handover.sign') {
    return text('signedAt') ? `签字时间 ${formatShanghaiDateTime(text('signedAt'))}` : ''
  }
  if (item.procedure.startsWith('visit.')) {
    const whom = input.target === 'CADRE' ? '驻村干部' : names.household
    return [text('visitedOn'), whom, handedOver(input, 'cashFen')].filter(Boolean).join(' ')
  }
  if (item.procedure === 'donation.void') return text('reason') ? `原因：${withoutNumbers(text('reason'))}` : ''
  if (item.procedure.startsWith('donation.')) {
    return [text('receivedOn'), text('donorName') || names.donor, handedOver(input, 'amountFen')]
      .filter(Boolean)
      .join(' ')
  }
  if (item.procedure.startsWith('household.')) {
    return [text('headName'), text('code') ? `（${text('code')}）` : ''].filter(Boolean).join('')
  }
  if (item.procedure === 'photo.upload') {
    const of = input.activityId ? '活动照片' : input.visitId ? '走访照片' : input.handoverId ? '发放照片' : '捐赠照片'
    return [of, text('takenAt') ? formatShanghaiDateTime(text('takenAt')) : ''].filter(Boolean).join(' ')
  }
  if (item.procedure === 'need.transition') return STEP_LABELS[text('to') as NeedStatus] ?? ''
  if (item.procedure === 'need.create' || item.procedure === 'resident.submitNeed') {
    return NEED_CATEGORY_LABELS[text('category') as NeedCategory] ?? ''
  }
  return ''
}
