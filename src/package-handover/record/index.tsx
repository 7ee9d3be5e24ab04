// 登记发放 on a distribution day: which household received how much 慰问金, from which of the
// activity's donations, the recipient's signature on the cadre's phone and, if the cadre takes
// any, photos of the handover. Saved through the offline queue: the handover first
// (handover.create, with its client-made id), then its signature (handover.sign) and its photos,
// which wait behind it. A handover that would overdraw its donation
// (two phones drawing the same donation offline) is refused when it syncs, and 待同步 says why.
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZCreateHandoverRequestSchema } from '../../../common/contracts/handover/create-handover'
import { shanghaiDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { HouseholdPicker } from '../../components/HouseholdPicker'
import { MoneyField } from '../../components/MoneyField'
import { PageShell } from '../../components/PageShell'
import { PhotoSection } from '../../components/PhotoPicker'
import { SaveButton } from '../../components/SaveButton'
import { SelectField } from '../../components/SelectField'
import { SignaturePad } from '../../components/SignaturePad'
import { TextField } from '../../components/TextField'
import { useOfflineQueue } from '../../lib/offline-queue/context'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useMoneyField } from '../../lib/use-money-field'
import { HANDOVER_PHOTO_THEME } from '../photo-theme'

type Values = {
  householdId: string | null
  handedOverOn: string
  cashFen: number | undefined
  donationId: string | null
  signerName: string
}

export default function HandoverRecordPage() {
  const { params } = useRouter()
  const activityId = params.activityId ?? ''
  const trpc = useTRPC()
  const queue = useOfflineQueue()
  const form = useForm<Values>({
    householdId: null,
    handedOverOn: shanghaiDate(),
    cashFen: undefined,
    donationId: null,
    signerName: '',
  })
  const { values, set, errors } = form
  const cash = useMoneyField(form, 'cashFen')
  const [signature, setSignature] = useState<{ png: string; signedAt: string } | null>(null)
  const activity = useQuery({ ...trpc.activity.byId.queryOptions({ id: activityId }), enabled: Boolean(activityId) })
  const donations = useQuery({
    ...trpc.donation.list.queryOptions({ activityId, kind: 'CASH', limit: 100 }),
    enabled: Boolean(activityId),
  })
  const donationOptions = (donations.data?.items ?? []).map((d) => ({
    value: d.id,
    label: `${d.donorName} ${formatFen(d.amountFen)}`,
  }))

  const attachments = usePhotoAttachments()
  const create = useQueuedMutation('handover.create', {
    onSaved: (saved) => {
      const id = saved.isSynced ? saved.result.id : saved.id
      // The signature goes behind the handover: it names it by its id, and waits if it fails.
      if (id && signature) {
        queue.enqueue('handover.sign', {
          id,
          signaturePng: signature.png,
          signedAt: signature.signedAt,
          ...(values.signerName.trim() ? { signerName: values.signerName.trim() } : {}),
        })
      }
      if (id) attachments.queueFor({ handoverId: id })
      toast(saved.isSynced ? (signature ? '发放已登记，签字同步中' : '发放已登记') : QUEUED_TOAST)
      void Taro.navigateBack()
    },
    onError: form.onServerError,
  })

  const submit = () => {
    if (!cash.isReadable()) return
    const checked = form.check(ZCreateHandoverRequestSchema, {
      recipientKind: 'HOUSEHOLD',
      householdId: values.householdId ?? '',
      activityId: activityId || null,
      handedOverOn: values.handedOverOn,
      cashFen: values.cashFen ?? 0,
      goods: [],
      draws: values.donationId && values.cashFen ? [{ donationId: values.donationId, cashFen: values.cashFen }] : [],
    })
    if (checked) create.mutate(checked)
  }

  return (
    <PageShell>
      <View className="section">
        <FormField label="领取户" required error={errors.householdId}>
          <HouseholdPicker
            villageId={activity.data?.village?.id ?? null}
            isVillageRequired={false}
            value={values.householdId}
            onChange={(v) => set('householdId', v)}
          />
        </FormField>
        <FormField label="发放日期" required error={errors.handedOverOn}>
          <DateField value={values.handedOverOn} onChange={(v) => set('handedOverOn', v)} testId="handedOverOn" />
        </FormField>
        <MoneyField label="慰问金（元）" required name="cashFen" {...cash.field} />
        <FormField label="从哪笔捐赠支出" error={errors['draws.0.cashFen'] ?? errors.draws}>
          <SelectField
            options={donationOptions}
            value={values.donationId}
            onChange={(v) => set('donationId', v)}
            placeholder={donationOptions.length ? '选择捐赠' : '本次活动没有现金捐赠'}
            testId="donationId"
          />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">受助人签字</View>
        <SignaturePad
          isConfirmed={signature !== null}
          onConfirm={(png) => setSignature(png ? { png, signedAt: new Date().toISOString() } : null)}
        />
        <TextField label="代签人（本人签字可不填）" name="signerName" {...form.field('signerName')} />
      </View>
      <PhotoSection
        title="发放照片（选填）"
        attachments={attachments}
        villageId={activity.data?.village?.id ?? null}
        theme={activity.data?.theme ?? HANDOVER_PHOTO_THEME}
      />
      <SaveButton isSaving={create.isPending} onSave={submit}>
        {signature ? '保存并签收' : '保存（待签收）'}
      </SaveButton>
    </PageShell>
  )
}
