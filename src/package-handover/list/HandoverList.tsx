// 发放签收记录 of one activity: who received what, and whether they have signed for it.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChineseDate } from '../../../common/dates'
import { HANDOVER_CONFIRMATION_LABELS, HANDOVER_STATE_LABELS, type HandoverState } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { QueryState } from '../../components/QueryState'
import type { RouterOutputs } from '../../lib/api-types'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'

type Handover = RouterOutputs['handover']['list']['items'][number]

const STATE_TAGS: Record<HandoverState, 'warning' | 'success' | 'danger'> = {
  PENDING: 'warning',
  CONFIRMED: 'success',
  DISPUTED: 'danger',
}

const recipientOf = (h: Handover) => {
  if (h.recipientKind === 'CADRE') return `驻村干部 ${h.cadre?.displayName ?? ''}`.trim()
  return h.household ? `${h.household.headName}（${h.household.code}）` : '困难群众户（不在您的查看范围）'
}

/** 已签收 by whom and how: 手机上签字（代签：…）, 微信确认. */
const signedOf = (h: Handover) =>
  h.state === 'CONFIRMED' && h.confirmation
    ? ` · ${HANDOVER_CONFIRMATION_LABELS[h.confirmation]}${h.signature?.signerName ? `（代签：${h.signature.signerName}）` : ''}`
    : ''

const whatOf = (h: Handover) =>
  [...h.goods.map((g) => `${g.item} ${g.quantity}${g.unit}`), h.cashFen ? `慰问金 ${formatFen(h.cashFen)}` : '']
    .filter(Boolean)
    .join('、')

export const HandoverRows = ({ items }: { items: Handover[] }) =>
  items.length ? (
    <View className="section">
      {items.map((h) => (
        <Cell
          key={h.id}
          title={recipientOf(h)}
          description={`${formatChineseDate(h.handedOverOn)} · ${whatOf(h)}${signedOf(h)}${h.disputeNote ? ` · 异议：${h.disputeNote}` : ''}`}
          // Its page: 待签收, the recipient signs on this phone (请受助人签字); otherwise its photos.
          onClick={() => void Taro.navigateTo({ url: routes.handoverSign(h.id) })}
          data-testid={`handover-${h.id}`}
          extra={
            <Tag type={h.isVoided ? 'default' : STATE_TAGS[h.state]}>
              {h.isVoided ? '已作废' : HANDOVER_STATE_LABELS[h.state]}
            </Tag>
          }
        />
      ))}
    </View>
  ) : (
    <View className="muted">还没有发放记录</View>
  )

export const HandoverList = ({ activityId }: { activityId: string }) => {
  const trpc = useTRPC()
  const query = useQuery(trpc.handover.list.queryOptions({ activityId, limit: 100 }))
  return <QueryState query={query}>{(page) => <HandoverRows items={page.items} />}</QueryState>
}
