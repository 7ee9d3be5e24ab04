// 新增村 or 修改村信息: its name, county and township as the 台账 writes them, and its 12-digit
// 行政区划代码, checked here as the server checks it (format, province) and by the server against
// the villages sharing its county and township digits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { ZCreateVillageRequestSchema } from '../../../common/contracts/village/create-village'
import { ZUpdateVillageRequestSchema } from '../../../common/contracts/village/update-village'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { TextField } from '../../components/TextField'
import { isConflict } from '../../lib/errors'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useEditedRecord } from '../../lib/use-edited-record'
import { useForm } from '../../lib/use-form'
import { useMutationKey } from '../../lib/use-mutation-key'

const VillageForm = ({ id }: { id: string | undefined }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = useMutationKey()
  const form = useForm({ name: '', county: '', township: '', adminCode: '' })
  useEffect(() => void Taro.setNavigationBarTitle({ title: id ? '修改村信息' : '新增村' }), [id])
  const existing = useQuery({ ...trpc.village.byId.queryOptions({ id: id ?? '' }), enabled: Boolean(id) })
  const edited = useEditedRecord(
    existing.data,
    (v) => form.setValues({ name: v.name, county: v.county, township: v.township, adminCode: v.adminCode }),
    existing.refetch,
  )
  const saved = (message: string) => {
    key.renew()
    void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
    toast(message)
  }
  const create = useMutation(
    trpc.village.create.mutationOptions({
      onSuccess: (village) => {
        saved('村已新增')
        void Taro.redirectTo({ url: routes.villageAdmin(village.id) })
      },
      onError: form.onServerError,
    }),
  )
  const update = useMutation(
    trpc.village.update.mutationOptions({
      onSuccess: () => {
        saved('已保存')
        void Taro.navigateBack()
      },
      onError: (error) =>
        isConflict(error) && edited.loadedVersion !== null ? edited.offerReload() : form.onServerError(error),
    }),
  )
  const submit = () => {
    if (id) {
      const checked = form.check(ZUpdateVillageRequestSchema, {
        ...form.values,
        clientMutationId: key.current(),
        id,
        version: edited.loadedVersion ?? 0,
      })
      if (checked) update.mutate(checked)
      return
    }
    const checked = form.check(ZCreateVillageRequestSchema, { ...form.values, clientMutationId: key.current() })
    if (checked) create.mutate(checked)
  }
  return (
    <View>
      <View className="section">
        <TextField label="村名" required name="name" placeholder="如：前跃村" {...form.field('name')} />
        <TextField label="所属县（区）" required name="county" placeholder="如：大通县" {...form.field('county')} />
        <TextField label="所属乡（镇）" required name="township" placeholder="如：良教乡" {...form.field('township')} />
        <TextField
          label="行政区划代码"
          required
          name="adminCode"
          type="number"
          placeholder="12 位数字，如 630121105201"
          hint="统计用区划代码的村级 12 位代码"
          {...form.field('adminCode')}
        />
      </View>
      <SaveButton isSaving={create.isPending || update.isPending} onSave={submit}>
        {id ? '保存' : '新增村'}
      </SaveButton>
    </View>
  )
}

export default function VillageFormPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <VillageForm id={params.id} />
    </PageShell>
  )
}
