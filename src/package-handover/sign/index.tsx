// 请受助人签字 for a handover still 待签收: the recipient signs on the cadre's phone, and the
// handover becomes 已签收. Through the offline queue, like every record.
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { formatChineseDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { SignaturePad } from '../../components/SignaturePad'
import { TextField } from '../../components/TextField'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'

export default function HandoverSignPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const trpc = useTRPC()
  const handover = useQuery(trpc.handover.byId.queryOptions({ id }))
  const [signerName, setSignerName] = useState('')
  const [error, setError] = useState<string>()
  const sign = useQueuedMutation('handover.sign', {
    onSaved: (saved) => {
      toast(saved.isSynced ? '已签收' : QUEUED_TOAST)
      void Taro.navigateBack()
    },
    onError: (e) => setError(e instanceof Error ? e.message : '签收失败，请重试'),
  })
  return (
    <PageShell>
      <QueryState query={handover}>
        {(h) => (
          <>
            <View className="section">
              <View className="section__title">
                {h.household ? `${h.household.headName}（${h.household.code}）` : '驻村干部'}
              </View>
              <Text>
                {`${formatChineseDate(h.handedOverOn)} · ${[...h.goods.map((g) => `${g.item} ${g.quantity}${g.unit}`), h.cashFen ? `慰问金 ${formatFen(h.cashFen)}` : ''].filter(Boolean).join('、')}`}
              </Text>
            </View>
            {h.state === 'PENDING' && !h.isVoided ? (
              <View className="section">
                <View className="section__title">请受助人签字</View>
                <SignaturePad
                  confirmText="确认签收"
                  onConfirm={(png) => {
                    if (!png) return
                    sign.mutate({
                      id: h.id,
                      signaturePng: png,
                      signedAt: new Date().toISOString(),
                      ...(signerName.trim() ? { signerName: signerName.trim() } : {}),
                    })
                  }}
                />
                <TextField
                  label="代签人（本人签字可不填）"
                  name="signerName"
                  value={signerName}
                  onChange={setSignerName}
                />
                {error ? (
                  <FormField label="" error={error}>
                    {null}
                  </FormField>
                ) : null}
              </View>
            ) : (
              <View className="muted">这条发放记录已不是待签收状态</View>
            )}
          </>
        )}
      </QueryState>
    </PageShell>
  )
}
