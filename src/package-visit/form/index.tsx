// 登记走访: a visit to a household or to the resident cadre, from an activity or from a household:
// what was found (健康状况, 家庭生活情况, 实际困难), what was handed over, and the needs raised.
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateVisitRequestSchema } from '../../../common/contracts/visit/create-visit'
import { shanghaiDate } from '../../../common/dates'
import { VISIT_TARGET_LABELS, type VisitTarget } from '../../../common/enums'
import type { TGoodsLine } from '../../../common/goods'
import { CadreSelect } from '../../components/CadreSelect'
import { ChoiceField } from '../../components/ChoiceField'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { GoodsEditor } from '../../components/GoodsEditor'
import { HouseholdPicker } from '../../components/HouseholdPicker'
import { MoneyField } from '../../components/MoneyField'
import type { NeedDraft } from '../../components/NeedFields'
import { PageShell } from '../../components/PageShell'
import { PersonPicker } from '../../components/PersonPicker'
import { PhotoSection } from '../../components/PhotoPicker'
import { SaveButton } from '../../components/SaveButton'
import { optionsOf } from '../../components/SelectField'
import { TextAreaField } from '../../components/TextField'
import { inVillage, VillageSelect } from '../../components/VillageSelect'
import { activityBasics, usePendingActivity } from '../../lib/offline-queue/use-pending-activity'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'
import { useMoneyField } from '../../lib/use-money-field'
import { RaisedNeedsSection } from './RaisedNeedsSection'

type Values = {
  target: VisitTarget
  villageId: string | null
  householdId: string | null
  cadreUserId: string | null
  visitedOn: string
  visitorIds: string[]
  healthNotes: string
  livingConditions: string
  difficulties: string
  goods: TGoodsLine[]
  cashFen: number | undefined
  needs: NeedDraft[]
}

export default function VisitFormPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const form = useForm<Values>({
    target: params.target === 'CADRE' ? 'CADRE' : 'HOUSEHOLD',
    villageId: null,
    householdId: params.householdId ?? null,
    cadreUserId: null,
    visitedOn: shanghaiDate(),
    visitorIds: [],
    healthNotes: '',
    livingConditions: '',
    difficulties: '',
    goods: [],
    cashFen: undefined,
    needs: [],
  })
  const { values, set, errors } = form
  const cash = useMoneyField(form, 'cashFen')

  const activity = useQuery({
    ...trpc.activity.byId.queryOptions({ id: params.activityId ?? '' }),
    enabled: Boolean(params.activityId),
  })
  const household = useQuery({
    ...trpc.household.byId.queryOptions({ id: params.householdId ?? '' }),
    enabled: Boolean(params.householdId),
  })
  const villageId = values.villageId

  // The visit's village and day follow the activity or the household it starts from.
  // From the server, or from the queue when the activity was itself saved offline.
  const basics = activityBasics(activity.data, usePendingActivity(params.activityId))
  useFirstData(basics, (a) =>
    form.setValues((v) => ({ ...v, villageId: v.villageId ?? a.villageId, visitedOn: a.heldOn })),
  )
  useFirstData(household.data, (h) => form.setValues((v) => ({ ...v, villageId: h.village.id, householdId: h.id })))
  // A cadre who works in one village visits there: it is chosen from the start.
  const villages = useQuery(trpc.village.list.queryOptions())
  useFirstData(villages.data, (list) => {
    const only = list.length === 1 ? list[0] : undefined
    if (only) form.setValues((v) => ({ ...v, villageId: v.villageId ?? only.id }))
  })

  const attachments = usePhotoAttachments()
  const create = useQueuedMutation('visit.create', {
    onSaved: (saved) => {
      const visitId = saved.isSynced ? saved.result.id : saved.id
      if (visitId) attachments.queueFor({ visitId })
      toast(saved.isSynced ? '走访已登记' : QUEUED_TOAST)
      setTimeout(() => void Taro.navigateBack(), 500)
    },
    onError: form.onServerError,
  })

  const submit = () => {
    // Every error shows on the first save: the cash's and the schema's together.
    const isCashReadable = cash.isReadable()
    const checked = form.check(ZCreateVisitRequestSchema, {
      activityId: params.activityId ?? null,
      target: values.target,
      householdId: values.target === 'HOUSEHOLD' ? values.householdId : null,
      cadreUserId: values.target === 'CADRE' ? values.cadreUserId : null,
      villageId: values.villageId,
      visitedOn: values.visitedOn,
      visitorIds: values.visitorIds,
      healthNotes: values.healthNotes,
      livingConditions: values.livingConditions,
      difficulties: values.difficulties,
      goods: values.goods,
      cashFen: values.cashFen ?? 0,
      needs: values.needs.map((n) => ({ ...n, category: n.category ?? undefined })),
    })
    if (checked && isCashReadable) create.mutate(checked)
  }

  return (
    <PageShell>
      <View className="section">
        {basics ? <View className="section__title">{basics.theme}</View> : null}
        <ChoiceField
          label="走访对象"
          required
          options={optionsOf(VISIT_TARGET_LABELS)}
          testId="target"
          {...form.field('target')}
        />
        <FormField label="所在村" required error={errors.villageId}>
          <VillageSelect value={villageId} onChange={(v) => form.setValues(inVillage(v))} testId="villageId" />
        </FormField>
        {values.target === 'HOUSEHOLD' ? (
          <FormField label="困难户" required error={errors.householdId}>
            <HouseholdPicker
              villageId={villageId}
              value={values.householdId}
              onChange={(v) => set('householdId', v)}
              testId="householdId"
            />
          </FormField>
        ) : (
          <FormField label="驻村干部" required error={errors.cadreUserId}>
            <CadreSelect
              villageId={villageId}
              withPost
              value={values.cadreUserId}
              onChange={(v) => set('cadreUserId', v)}
              testId="cadreUserId"
            />
          </FormField>
        )}
        <FormField label="走访日期" required error={errors.visitedOn}>
          <DateField value={values.visitedOn} onChange={(v) => set('visitedOn', v)} />
        </FormField>
        <FormField label="同行人员" hint="登记人自动计入" error={errors.visitorIds}>
          <PersonPicker
            multiple
            villageId={villageId}
            value={values.visitorIds}
            onChange={(ids) => set('visitorIds', ids)}
            prompt="搜索添加同行人员"
            testId="visitorIds"
          />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">走访了解</View>
        <TextAreaField
          label="健康状况"
          hint="个人敏感信息，加密保存"
          name="healthNotes"
          {...form.field('healthNotes')}
        />
        <TextAreaField label="家庭生活情况" name="livingConditions" {...form.field('livingConditions')} />
        <TextAreaField label="实际困难" name="difficulties" {...form.field('difficulties')} />
      </View>
      <View className="section">
        <View className="section__title">送去的慰问</View>
        <FormField label="慰问物资" error={errors.goods}>
          <GoodsEditor lines={values.goods} onChange={(lines) => set('goods', lines)} errors={errors} />
        </FormField>
        <MoneyField label="慰问金（元）" name="cash" {...cash.field} />
      </View>
      {values.target === 'HOUSEHOLD' ? (
        <RaisedNeedsSection needs={values.needs} onChange={(needs) => set('needs', needs)} errors={errors} />
      ) : null}
      <PhotoSection
        title="现场照片"
        attachments={attachments}
        villageId={values.villageId}
        theme={basics?.theme ?? '入户走访'}
      />
      <SaveButton isSaving={create.isPending} onSave={submit}>
        保存走访记录
      </SaveButton>
    </PageShell>
  )
}
