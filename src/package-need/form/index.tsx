import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateNeedRequestSchema } from '../../../common/contracts/need/create-need'
import { FormField } from '../../components/FormField'
import { HouseholdPicker } from '../../components/HouseholdPicker'
import { blankNeed, type NeedDraft, NeedFields } from '../../components/NeedFields'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'

export default function NeedFormPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const form = useForm<NeedDraft & { householdId: string | null }>({
    householdId: params.householdId ?? null,
    ...blankNeed(),
  })
  const { values, set, errors } = form
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
            <HouseholdPicker
              villageId={null}
              isVillageRequired={false}
              value={values.householdId}
              onChange={(v) => set('householdId', v)}
              testId="householdId"
            />
          )}
        </FormField>
        <NeedFields
          need={values}
          onChange={form.update}
          errors={errors}
          categoryLabel="类别"
          dueOnLabel="应办结日期"
          descriptionName="description"
        />
      </View>
      <SaveButton isSaving={create.isPending} onSave={submit} />
    </PageShell>
  )
}
