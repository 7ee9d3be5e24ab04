// How the 待同步 page names a queued item: what it does, and which record, in the users' words.
import { formatFen } from '../../../common/money'
import type { QueueItem } from './types'

const ACTION_LABELS: Record<string, string> = {
  'activity.create': '新建主题党日',
  'activity.update': '修改主题党日',
  'visit.create': '登记走访',
  'visit.update': '修改走访记录',
  'donation.create': '登记捐赠',
  'donation.update': '修改捐赠',
  'household.create': '新建困难户',
  'household.update': '修改困难户',
  'need.create': '登记诉求',
  'need.update': '修改诉求',
}

export const actionLabel = (item: QueueItem): string => ACTION_LABELS[item.procedure] ?? '提交'

/** A line that tells the person which record it is (never personal data beyond the form's own). */
export const itemSummary = (item: QueueItem): string => {
  const input = item.input
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : '')
  if (item.procedure.startsWith('activity.')) return [text('heldOn'), text('theme')].filter(Boolean).join(' ')
  if (item.procedure.startsWith('visit.')) return text('visitedOn')
  if (item.procedure.startsWith('donation.')) {
    const amount = typeof input.amountFen === 'number' ? formatFen(input.amountFen) : '物资'
    return [text('receivedOn'), text('donorName'), amount].filter(Boolean).join(' ')
  }
  return ''
}
