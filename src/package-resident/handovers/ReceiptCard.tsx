// One handover to the resident's household: what was received and when, and, while it is
// 待签收, 确认收到 or 有异议 (with what is wrong, which becomes a need for the village's cadre).
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ZConfirmHandoverRequestSchema } from '../../../common/contracts/handover/confirm-handover'
import { formatChineseDate } from '../../../common/dates'
import { HANDOVER_STATE_LABELS } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { TextField } from '../../components/TextField'
import type { RouterOutputs } from '../../lib/api-types'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { toast } from '../../lib/toast'
import { useForm } from '../../lib/use-form'

type Receipt = RouterOutputs['handover']['mine'][number]

const whatOf = (h: Receipt) =>
  [...h.goods.map((g) => `${g.item} ${g.quantity}${g.unit}`), h.cashFen ? `慰问金 ${formatFen(h.cashFen)}` : '']
    .filter(Boolean)
    .join('、')

export const ReceiptCard = ({ receipt }: { receipt: Receipt }) => {
  const [isDisputing, setIsDisputing] = useState(false)
  const form = useForm({ note: '' })
  const confirm = useQueuedMutation('handover.confirm', {
    onSaved: ({ isSynced }) => {
      setIsDisputing(false)
      toast(isSynced ? '已提交，谢谢您' : QUEUED_TOAST)
    },
    onError: form.onServerError,
  })
  const send = (answer: 'RECEIVED' | 'DISPUTED') => {
    const checked = form.check(ZConfirmHandoverRequestSchema, {
      id: receipt.id,
      answer,
      note: answer === 'DISPUTED' ? form.values.note : null,
    })
    if (checked) confirm.mutate(checked)
  }
  return (
    <View className="section">
      <Cell
        title={formatChineseDate(receipt.handedOverOn)}
        description={whatOf(receipt)}
        extra={
          <Tag type={receipt.state === 'PENDING' ? 'warning' : 'success'}>{HANDOVER_STATE_LABELS[receipt.state]}</Tag>
        }
      />
      {receipt.disputeNote ? <Cell title="我的异议" description={receipt.disputeNote} /> : null}
      {receipt.state === 'PENDING' && !isDisputing ? (
        <View className="form-actions">
          <Button type="primary" block loading={confirm.isPending} onClick={() => send('RECEIVED')}>
            确认收到
          </Button>
          <Button block onClick={() => setIsDisputing(true)}>
            有异议
          </Button>
        </View>
      ) : null}
      {isDisputing ? (
        <View className="form-actions">
          <TextField
            label="哪里不对"
            required
            name="note"
            placeholder="如：数量不符、没有收到"
            {...form.field('note')}
          />
          <Button type="danger" block loading={confirm.isPending} onClick={() => send('DISPUTED')}>
            提交异议
          </Button>
          <Button block onClick={() => setIsDisputing(false)}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  )
}
