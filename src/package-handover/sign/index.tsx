// A handover's page, opened from the 对账 page's list. Still 待签收: 请受助人签字, the recipient
// signs on the cadre's phone, with photos of the handover if the cadre takes any, and the
// handover becomes 已签收. Through the offline queue, like every record: the signature first, the
// photos behind it. Signed (or disputed, or voided): its photos.
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { formatChineseDate } from '../../../common/dates'
import { HANDOVER_STATE_LABELS } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { PhotoGallery } from '../../components/PhotoGallery'
import { PhotoSection } from '../../components/PhotoPicker'
import { QueryState } from '../../components/QueryState'
import { SignaturePad } from '../../components/SignaturePad'
import { TextField } from '../../components/TextField'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { HANDOVER_PHOTO_THEME } from '../photo-theme'

export default function HandoverSignPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const trpc = useTRPC()
  const handover = useQuery(trpc.handover.byId.queryOptions({ id }))
  const [signerName, setSignerName] = useState('')
  const [error, setError] = useState<string>()
  const attachments = usePhotoAttachments()
  const sign = useQueuedMutation('handover.sign', {
    onSaved: (saved) => {
      const hasPhotos = attachments.photos.length > 0
      // Behind the signature: queued after it, they go up once it is through.
      attachments.queueFor({ handoverId: id })
      toast(saved.isSynced ? (hasPhotos ? '已签收，照片同步中' : '已签收') : QUEUED_TOAST)
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
              <>
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
                <PhotoSection
                  title="发放照片（选填）"
                  attachments={attachments}
                  villageId={h.villageId}
                  theme={HANDOVER_PHOTO_THEME}
                />
              </>
            ) : (
              <>
                <View className="muted">
                  {h.isVoided ? '这条发放记录已作废' : `这条发放记录${HANDOVER_STATE_LABELS[h.state]}，无需再签字`}
                </View>
                <View className="section">
                  <View className="section__title">发放照片</View>
                  <PhotoGallery target={{ handoverId: h.id }} />
                </View>
              </>
            )}
          </>
        )}
      </QueryState>
    </PageShell>
  )
}
