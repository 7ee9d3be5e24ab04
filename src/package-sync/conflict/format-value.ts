// A field's value as a person reads it on 处理冲突: money in yuan, codes by their labels, ids by
// the names the server's record gives them, and lists (goods lines, members, risks, absences)
// summarised on one line.
import {
  HEALTH_STATUS_LABELS,
  RELATIONSHIP_LABELS,
  RISK_CODE_LABELS,
  RISK_ELIMINATION_METHOD_LABELS,
} from '../../../common/enums'
import { goodsValueFen, type TGoodsLine } from '../../../common/goods'
import { formatFen } from '../../../common/money'

export const BLANK = '（空）'

type Context = {
  /** The field's codes → labels, when it holds codes. */
  codes?: Record<string, string> | undefined
  /** Ids → names. */
  names: Record<string, string>
}

const labelOf = (labels: Record<string, string>, code: unknown) =>
  typeof code === 'string' ? (labels[code] ?? code) : String(code)

type Line = Record<string, unknown>

/** A list of objects, by what its lines hold. */
const summariseLines = (key: string, lines: Line[]): string => {
  if (key === 'goods') {
    const text = lines.map((g) => `${g.item}${g.quantity}${g.unit}`).join('、')
    const total = goodsValueFen(lines as TGoodsLine[])
    return `${text}（折价 ${formatFen(total)}）`
  }
  if (key === 'members') {
    return `${lines.length} 人：${lines
      .map((m) => {
        const health = (m.health as { status?: string } | null | undefined)?.status
        return `${m.name}（${labelOf(RELATIONSHIP_LABELS, m.relationship)}${health ? `，${labelOf(HEALTH_STATUS_LABELS, health)}` : ''}）`
      })
      .join('、')}`
  }
  if (key === 'risks') {
    return lines
      .map((r) => {
        const state = r.isEliminated
          ? `${r.eliminatedMonth ?? ''}${labelOf(RISK_ELIMINATION_METHOD_LABELS, r.eliminationMethod ?? '')}`
          : '未消除'
        return `${labelOf(RISK_CODE_LABELS, r.code)}（${r.identifiedMonth} 识别，${state}）`
      })
      .join('、')
  }
  if (key === 'absences') return lines.map((a) => `${a.name}：${a.reason}`).join('；')
  return `${lines.length} 项`
}

export const formatValue = (key: string, value: unknown, { codes, names }: Context): string => {
  if (value === null || value === undefined || value === '') return BLANK
  if (Array.isArray(value)) {
    if (!value.length) return '无'
    if (value.every((v) => typeof v === 'string')) {
      const shown = value.map((v: string) => (codes ? labelOf(codes, v) : (names[v] ?? null)))
      const unknown = shown.filter((v) => v === null).length
      const known = shown.filter((v): v is string => v !== null).join('、')
      return unknown ? `${known}${known ? '，另' : '共'} ${unknown} 个` : known
    }
    return summariseLines(key, value as Line[])
  }
  if (typeof value === 'number') return key.endsWith('Fen') ? formatFen(value) : String(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') {
    if (codes) return labelOf(codes, value)
    return names[value] ?? (key.endsWith('Id') ? '（已选，名称未能显示）' : value)
  }
  return JSON.stringify(value)
}
