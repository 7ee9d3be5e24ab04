// One donation in the ledger. It is never deleted: a mistaken one is voided with a reason.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZVoidDonationRequestSchema } from '../../../common/contracts/donation/void-donation'
import { formatChineseDate, formatShanghaiDateTime } from '../../../common/dates'
import { DONATION_KIND_LABELS, DONATION_RECIPIENT_LABELS } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { DetailShell } from '../../components/DetailShell'
import { PhotoGallery } from '../../components/PhotoGallery'
import { TextField } from '../../components/TextField'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { DonationBalance } from './DonationBalance'
import { DonorView } from './DonorView'

export default function DonationDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const donation = useQuery(trpc.donation.byId.queryOptions({ id: params.id ?? '' }))
  const [isVoiding, setIsVoiding] = useState(false)
  const form = useForm({ reason: '' })
  // The donation, its activity and 统计 are refreshed when the item syncs (offline-queue/invalidation.ts).
  const voidDonation = useQueuedMutation('donation.void', {
    onSaved: ({ isSynced }) => {
      setIsVoiding(false)
      toast(isSynced ? '已作废，合计已更新' : QUEUED_TOAST)
    },
    onError: form.onServerError,
  })
  // Voided on the phone, not yet on the server: not offered again (a second one would conflict).
  const isVoidQueued = Boolean(
    useOfflineQueueState()?.items.some(
      (item) => item.procedure === 'donation.void' && item.input.id === params.id && item.state !== 'failed',
    ),
  )
  return (
    <DetailShell query={donation}>
      {(d) => (
        <>
          <View className="section">
            <View className="section__title">{d.donorName}</View>
            <Cell
              title="类型"
              extra={
                <Tag type={d.isVoided ? 'default' : 'primary'}>
                  {d.isVoided ? '已作废' : DONATION_KIND_LABELS[d.kind]}
                </Tag>
              }
            />
            <Cell title="金额" extra={<Text className="money">{formatFen(d.amountFen)}</Text>} />
            {d.goods.map((g) => (
              <Cell
                key={g.id}
                title={g.item}
                description={`${g.quantity}${g.unit} × ${formatFen(g.unitValueFen)}`}
                extra={formatFen(g.valueFen)}
              />
            ))}
            <Cell
              title="受赠"
              extra={`${DONATION_RECIPIENT_LABELS[d.recipientKind]} · ${d.village.name}${d.household ? ` ${d.household.headName}` : ''}${d.cadre ? ` ${d.cadre.displayName}` : ''}`}
            />
            {d.activity ? <Cell title="活动" extra={d.activity.theme} /> : null}
            <Cell title="接收日期" extra={formatChineseDate(d.receivedOn)} />
            {d.note ? <Cell title="备注" description={d.note} /> : null}
            {d.isVoided ? (
              <Cell
                title="作废原因"
                description={`${d.voidReason ?? ''}（${d.voidedAt ? formatShanghaiDateTime(d.voidedAt) : ''}）`}
              />
            ) : null}
          </View>
          {d.isVoided ? null : <DonationBalance donationId={d.id} />}
          {d.isVoided ? null : <DonorView donationId={d.id} hasDonorOrg={d.donorOrg !== null} />}
          {isVoidQueued && !d.isVoided ? (
            <View className="muted" data-testid="queued-void">
              作废已保存，待同步
            </View>
          ) : null}
          {d.canEdit && !isVoiding && !isVoidQueued ? (
            <Button type="danger" fill="outline" block onClick={() => setIsVoiding(true)}>
              作废这笔捐赠
            </Button>
          ) : null}
          {isVoiding ? (
            <View className="section">
              <TextField label="作废原因" required name="reason" placeholder="如：重复登记" {...form.field('reason')} />
              <View className="form-actions">
                <Button
                  type="danger"
                  block
                  loading={voidDonation.isPending}
                  onClick={() => {
                    const checked = form.check(ZVoidDonationRequestSchema, {
                      id: d.id,
                      version: d.version,
                      reason: form.values.reason,
                    })
                    if (checked) voidDonation.mutate(checked)
                  }}
                >
                  确认作废
                </Button>
                <Button block onClick={() => setIsVoiding(false)}>
                  取消
                </Button>
              </View>
            </View>
          ) : null}
          <View className="section">
            <View className="section__title">交接照片</View>
            <PhotoGallery target={{ donationId: d.id }} />
          </View>
        </>
      )}
    </DetailShell>
  )
}
