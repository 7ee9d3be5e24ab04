// 登记捐赠: from an org (a branch, a law firm) or a named outside donor; cash in yuan (sent as
// fen) or goods line by line; to a village, a household or a resident cadre.
import { Radio } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Input, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateDonationRequestSchema } from '../../../common/contracts/donation/create-donation'
import { shanghaiDate } from '../../../common/dates'
import {
  DONATION_KIND_LABELS,
  DONATION_RECIPIENT_LABELS,
  type DonationKind,
  type DonationRecipient,
} from '../../../common/enums'
import type { TGoodsLine } from '../../../common/goods'
import { CadreSelect } from '../../components/CadreSelect'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { GoodsEditor } from '../../components/GoodsEditor'
import { HouseholdPicker } from '../../components/HouseholdPicker'
import { MoneyField } from '../../components/MoneyField'
import { OrgPicker } from '../../components/OrgPicker'
import { PageShell } from '../../components/PageShell'
import { PhotoSection } from '../../components/PhotoPicker'
import { SaveButton } from '../../components/SaveButton'
import { optionsOf, SelectField } from '../../components/SelectField'
import { NO_LENGTH_LIMIT, TextAreaField } from '../../components/TextField'
import { inVillage, VillageSelect } from '../../components/VillageSelect'
import { activityBasics, usePendingActivity } from '../../lib/offline-queue/use-pending-activity'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'
import { useMoneyField } from '../../lib/use-money-field'

type Values = {
  donorType: 'org' | 'named'
  donorOrgId: string | null
  donorName: string
  recipientKind: DonationRecipient
  villageId: string | null
  householdId: string | null
  cadreUserId: string | null
  kind: DonationKind
  amountFen: number | undefined
  goods: TGoodsLine[]
  receivedOn: string
  note: string
}

export default function DonationFormPage() {
  const { params } = useRouter()
  const activityId = params.activityId
  const trpc = useTRPC()
  const form = useForm<Values>({
    donorType: 'org',
    donorOrgId: null,
    donorName: '',
    recipientKind: 'VILLAGE',
    villageId: null,
    householdId: null,
    cadreUserId: null,
    kind: 'CASH',
    amountFen: undefined,
    goods: [],
    receivedOn: shanghaiDate(),
    note: '',
  })
  const { values, set, errors } = form
  const amount = useMoneyField(form, 'amountFen')
  const activity = useQuery({
    ...trpc.activity.byId.queryOptions({ id: activityId ?? '' }),
    enabled: Boolean(activityId),
  })

  // From the server, or from the queue when the activity was itself saved offline.
  const basics = activityBasics(activity.data, usePendingActivity(activityId))
  useFirstData(basics, (a) =>
    form.setValues((v) => ({ ...v, villageId: v.villageId ?? a.villageId, receivedOn: a.heldOn })),
  )

  const attachments = usePhotoAttachments()
  const create = useQueuedMutation('donation.create', {
    onSaved: (saved) => {
      const donationId = saved.isSynced ? saved.result.id : saved.id
      if (donationId) attachments.queueFor({ donationId })
      if (!saved.isSynced) toast(QUEUED_TOAST)
      const what = saved.isSynced ? `${saved.result.donorName} ${DONATION_KIND_LABELS[saved.result.kind]}` : '这笔捐赠'
      void Taro.showModal({
        title: saved.isSynced ? '捐赠已登记' : '捐赠已保存，待同步',
        content: `${what}，继续登记下一笔吗？`,
        confirmText: '继续登记',
        cancelText: '返回',
      }).then(({ confirm }) => {
        if (!confirm) return void Taro.navigateBack()
        // A new donation (the hook has made it a new key), the same village, activity and day.
        form.setValues((v) => ({ ...v, donorOrgId: null, donorName: '', amountFen: undefined, goods: [], note: '' }))
      })
    },
    onError: form.onServerError,
  })

  const submit = () => {
    // Every error shows on the first save: the amount's and the schema's together.
    const isAmountReadable = values.kind !== 'CASH' || amount.isReadable()
    const checked = form.check(ZCreateDonationRequestSchema, {
      donorOrgId: values.donorType === 'org' ? values.donorOrgId : null,
      donorName: values.donorType === 'named' ? values.donorName : null,
      recipientKind: values.recipientKind,
      villageId: values.villageId ?? '',
      householdId: values.recipientKind === 'HOUSEHOLD' ? values.householdId : null,
      cadreUserId: values.recipientKind === 'CADRE' ? values.cadreUserId : null,
      activityId: activityId ?? null,
      kind: values.kind,
      amountFen: values.kind === 'CASH' ? values.amountFen : undefined,
      goods: values.kind === 'GOODS' ? values.goods : [],
      receivedOn: values.receivedOn,
      note: values.note || null,
    })
    if (checked && isAmountReadable) create.mutate(checked)
  }

  return (
    <PageShell>
      <View className="section">
        {basics ? <View className="section__title">{basics.theme}</View> : null}
        <FormField label="捐赠方" required error={errors.donorOrgId ?? errors.donorName}>
          <Radio.Group
            direction="horizontal"
            value={values.donorType}
            onChange={(v) => set('donorType', v as Values['donorType'])}
          >
            <Radio value="org">党组织/单位</Radio>
            <Radio value="named">其他捐赠人</Radio>
          </Radio.Group>
          {values.donorType === 'org' ? (
            <OrgPicker
              value={values.donorOrgId}
              onChange={(v) => set('donorOrgId', v)}
              prompt="搜索选择捐赠单位"
              testId="donorOrgId"
            />
          ) : (
            <Input
              className="form-input"
              name="donorName"
              placeholder="捐赠人或单位名称"
              maxlength={NO_LENGTH_LIMIT}
              value={values.donorName}
              onInput={(e) => set('donorName', e.detail.value)}
            />
          )}
        </FormField>
        <FormField label="受赠村" required error={errors.villageId}>
          <VillageSelect value={values.villageId} onChange={(v) => form.setValues(inVillage(v))} testId="villageId" />
        </FormField>
        <FormField label="受赠对象" required error={errors.recipientKind}>
          <SelectField
            options={optionsOf(DONATION_RECIPIENT_LABELS)}
            value={values.recipientKind}
            onChange={(v) => set('recipientKind', v)}
          />
          {values.recipientKind === 'HOUSEHOLD' ? (
            <HouseholdPicker
              villageId={values.villageId}
              value={values.householdId}
              onChange={(v) => set('householdId', v)}
              testId="householdId"
            />
          ) : null}
          {values.recipientKind === 'CADRE' ? (
            <CadreSelect
              villageId={values.villageId}
              value={values.cadreUserId}
              onChange={(v) => set('cadreUserId', v)}
              placeholder="选择驻村干部"
            />
          ) : null}
          {errors.householdId || errors.cadreUserId ? (
            <View className="form-field__error">{errors.householdId ?? errors.cadreUserId}</View>
          ) : null}
        </FormField>
        <FormField label="捐赠类型" required error={errors.kind}>
          <Radio.Group direction="horizontal" value={values.kind} onChange={(v) => set('kind', v as DonationKind)}>
            <Radio value="CASH">慰问金</Radio>
            <Radio value="GOODS">慰问物资</Radio>
          </Radio.Group>
        </FormField>
        {values.kind === 'CASH' ? (
          <MoneyField label="金额（元）" required name="amount" {...amount.field} />
        ) : (
          <FormField label="物资明细" required error={errors.goods}>
            <GoodsEditor lines={values.goods} onChange={(lines) => set('goods', lines)} errors={errors} />
          </FormField>
        )}
        <FormField label="接收日期" required error={errors.receivedOn}>
          <DateField value={values.receivedOn} onChange={(v) => set('receivedOn', v)} />
        </FormField>
        <TextAreaField label="备注" name="note" {...form.field('note')} />
      </View>
      <PhotoSection
        title="交接照片"
        attachments={attachments}
        villageId={values.villageId}
        theme={basics?.theme ?? '捐赠交接'}
      />
      <SaveButton isSaving={create.isPending} onSave={submit}>
        保存捐赠
      </SaveButton>
    </PageShell>
  )
}
