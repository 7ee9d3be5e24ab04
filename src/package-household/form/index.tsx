// Add or update a household, as cadres keep it: profile, 监测类别, incomes, 帮扶措施 and
// 帮扶责任人, members (health is personal data, stored encrypted) and up to five risks.
import { Checkbox } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateHouseholdRequestSchema } from '../../../common/contracts/household/create-household'
import { ZUpdateHouseholdRequestSchema } from '../../../common/contracts/household/update-household'
import {
  HELP_MEASURE_LABELS,
  type HelpMeasure,
  HOUSEHOLD_CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
} from '../../../common/enums'
import { ChoiceField } from '../../components/ChoiceField'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { MoneyField } from '../../components/MoneyField'
import { PageShell } from '../../components/PageShell'
import { PersonPicker } from '../../components/PersonPicker'
import { SaveButton } from '../../components/SaveButton'
import { optionsOf } from '../../components/SelectField'
import { TextAreaField, TextField } from '../../components/TextField'
import { isConflict } from '../../lib/errors'
import { QUEUED_TOAST, type Saved, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useEditedRecord } from '../../lib/use-edited-record'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'
import { blankHousehold, type HouseholdValues, householdInput, valuesOf } from './household-values'
import { MembersSection } from './MembersSection'
import { RisksSection } from './RisksSection'

export default function HouseholdFormPage() {
  const { params } = useRouter()
  const editingId = params.id
  const trpc = useTRPC()
  const form = useForm<HouseholdValues>(blankHousehold())
  const { values, set, errors } = form
  const { data: me } = useQuery(trpc.auth.me.queryOptions())
  const existing = useQuery({
    ...trpc.household.byId.queryOptions({ id: editingId ?? '' }),
    enabled: Boolean(editingId),
  })
  const villageOptions = (me?.villages ?? []).map((v) => ({ value: v.id, label: `${v.township}${v.name}` }))

  useFirstData(editingId ? null : me, (profile) => {
    if (profile.villages.length === 1) set('villageId', profile.villages[0]?.id ?? null)
  })
  const edited = useEditedRecord(
    existing.data,
    (h) => form.setValues(valuesOf(h)),
    () => existing.refetch(),
  )

  // Online, the server's answer opens the household; offline, it waits in the queue (待同步).
  const saved = (outcome: Saved<'household.create'> | Saved<'household.update'>) => {
    if (!outcome.isSynced) {
      toast(QUEUED_TOAST)
      return void Taro.navigateBack()
    }
    toast('已保存')
    void Taro.redirectTo({ url: routes.householdDetail(outcome.result.id) })
  }
  const onError = (error: unknown) => {
    if (isConflict(error) && editingId) edited.offerReload()
    else form.onServerError(error)
  }
  const create = useQueuedMutation('household.create', { onSaved: saved, onError })
  const update = useQueuedMutation('household.update', { onSaved: saved, onError })

  const submit = () => {
    const input = householdInput(values)
    if (editingId && edited.loadedVersion !== null) {
      const checked = form.check(ZUpdateHouseholdRequestSchema, {
        ...input,
        id: editingId,
        version: edited.loadedVersion,
        ...(values.idNumber ? { idNumber: values.idNumber } : {}),
        ...(values.phone ? { phone: values.phone } : {}),
      })
      if (checked) update.mutate(checked)
    } else {
      const checked = form.check(ZCreateHouseholdRequestSchema, {
        ...input,
        villageId: values.villageId ?? '',
        idNumber: values.idNumber,
        phone: values.phone || null,
      })
      if (checked) create.mutate(checked)
    }
  }

  return (
    <PageShell>
      <View className="section">
        <View className="section__title">基本信息</View>
        {editingId ? null : (
          <ChoiceField label="所在村" required options={villageOptions} {...form.field('villageId')} />
        )}
        <TextField label="户编号" required name="code" {...form.field('code')} />
        <TextField label="户主姓名" required name="headName" {...form.field('headName')} />
        <TextField
          label="户主身份证号码"
          required={!editingId}
          hint={
            editingId ? `现为 ${existing.data?.idNumberMasked ?? ''}，不改请留空` : '加密保存，列表中只显示部分号码'
          }
          name="idNumber"
          {...form.field('idNumber')}
        />
        <TextField
          label="联系电话"
          hint={editingId ? `现为 ${existing.data?.phoneMasked ?? '未登记'}，不改请留空` : ''}
          name="phone"
          type="number"
          {...form.field('phone')}
        />
        <TextField label="所在组" name="groupName" placeholder="如：二社" {...form.field('groupName')} />
        <ChoiceField
          label="户类型"
          required
          options={optionsOf(HOUSEHOLD_TYPE_LABELS)}
          {...form.field('householdType')}
        />
        <ChoiceField
          label="监测对象类别"
          required
          options={optionsOf(HOUSEHOLD_CATEGORY_LABELS)}
          testId="category"
          {...form.field('category')}
        />
        <FormField label="识别监测日期" error={errors.monitoringStartedOn}>
          <DateField value={values.monitoringStartedOn} onChange={(v) => set('monitoringStartedOn', v)} />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">收入与帮扶</View>
        <MoneyField
          label="家庭人均纯收入（元/年）"
          valueFen={values.incomePerCapitaFen}
          onChange={(fen) => set('incomePerCapitaFen', fen)}
          error={errors.incomePerCapitaFen}
        />
        <FormField label="帮扶措施" error={errors.helpMeasures}>
          <Checkbox.Group
            direction="horizontal"
            value={values.helpMeasures}
            onChange={(v: string[]) => set('helpMeasures', v as HelpMeasure[])}
          >
            {optionsOf(HELP_MEASURE_LABELS).map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Checkbox.Group>
        </FormField>
        <FormField label="帮扶责任人" error={errors.responsibleUserId}>
          <PersonPicker
            villageId={values.villageId}
            value={values.responsibleUserId}
            onChange={(id) => set('responsibleUserId', id)}
            known={existing.data?.responsibleUser ? [existing.data.responsibleUser] : []}
            prompt="搜索选择帮扶责任人"
            testId="responsibleUserId"
          />
        </FormField>
        <TextAreaField label="备注" name="notes" {...form.field('notes')} />
      </View>
      <MembersSection members={values.members} onChange={(members) => set('members', members)} errors={errors} />
      <RisksSection risks={values.risks} onChange={(risks) => set('risks', risks)} errors={errors} />
      <SaveButton isSaving={create.isPending || update.isPending} onSave={submit} />
    </PageShell>
  )
}
