// 登记诉求: a need a household raised at the village office or by phone.
import { Button } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateNeedRequestSchema } from '../../../common/contracts/need/create-need'
import { NEED_CATEGORY_LABELS, NEED_URGENCY_LABELS, type NeedCategory, type NeedUrgency } from '../../../common/enums'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { optionsOf, SelectField } from '../../components/SelectField'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'

export default function NeedFormPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const form = useForm<{
    householdId: string | null
    category: NeedCategory | null
    description: string
    urgency: NeedUrgency
    dueOn: string | null
  }>({
    householdId: params.householdId ?? null,
    category: null,
    description: '',
    urgency: 'NORMAL',
    dueOn: null,
  })
  const { values, set, errors } = form
  const households = useQuery({ ...trpc.household.list.queryOptions({ limit: 100 }), enabled: !params.householdId })
  const household = useQuery({
    ...trpc.household.byId.queryOptions({ id: params.householdId ?? '' }),
    enabled: Boolean(params.householdId),
  })
  // Online, the server's answer opens the need; offline, it waits in the queue (待同步).
  const create = useQueuedMutation('need.create', {
    onSaved: (saved) => {
      if (!saved.isSynced) {
        toast(QUEUED_TOAST)
        return void Taro.navigateBack()
      }
      toast('诉求已登记')
      void Taro.redirectTo({ url: routes.needDetail(saved.result.id) })
    },
    onError: form.onServerError,
  })
  const submit = () => {
    const checked = form.check(ZCreateNeedRequestSchema, {
      ...values,
      category: values.category ?? undefined,
      householdId: values.householdId ?? '',
    })
    if (checked) create.mutate(checked)
  }
  return (
    <PageShell>
      <View className="section">
        <FormField label="困难户" required error={errors.householdId}>
          {household.data ? (
            <View>{`${household.data.headName}（${household.data.code}）`}</View>
          ) : (
            <SelectField
              options={(households.data?.items ?? []).map((h) => ({
                value: h.id,
                label: `${h.headName}（${h.code}）· ${h.village.name}`,
              }))}
              value={values.householdId}
              onChange={(v) => set('householdId', v)}
            />
          )}
        </FormField>
        <FormField label="类别" required error={errors.category}>
          <SelectField
            options={optionsOf(NEED_CATEGORY_LABELS)}
            value={values.category}
            onChange={(v) => set('category', v)}
          />
        </FormField>
        <FormField label="诉求内容" required error={errors.description}>
          <Textarea
            className="form-textarea"
            name="description"
            value={values.description}
            onInput={(e) => set('description', e.detail.value)}
          />
        </FormField>
        <FormField label="紧急程度" error={errors.urgency}>
          <SelectField
            options={optionsOf(NEED_URGENCY_LABELS)}
            value={values.urgency}
            onChange={(v) => set('urgency', v)}
          />
        </FormField>
        <FormField label="应办结日期" error={errors.dueOn}>
          <DateField value={values.dueOn} onChange={(v) => set('dueOn', v)} />
        </FormField>
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={create.isPending} onClick={submit}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
