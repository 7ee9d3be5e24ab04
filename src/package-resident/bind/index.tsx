// Links a WeChat account to the resident's household, proved by the 户主's name and ID number.
import { Button } from '@nutui/nutui-react-taro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ZBindHouseholdRequestSchema } from '../../../common/contracts/resident/bind-household'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'

export default function BindHouseholdPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [clientMutationId] = useState(uuid)
  const form = useForm({ headName: '', idNumber: '' })
  const bind = useMutation(
    trpc.resident.bindHousehold.mutationOptions({
      onSuccess: (me) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), me)
        toast('绑定成功')
        void Taro.reLaunch({ url: routes.home })
      },
      onError: form.onServerError,
    }),
  )
  const submit = () => {
    const checked = form.check(ZBindHouseholdRequestSchema, { ...form.values, clientMutationId })
    if (checked) bind.mutate(checked)
  }
  return (
    <PageShell>
      <View className="section">
        <FormField label="户主姓名" required error={form.errors.headName}>
          <Input
            className="form-input"
            name="headName"
            value={form.values.headName}
            onInput={(e) => form.set('headName', e.detail.value)}
          />
        </FormField>
        <FormField label="户主身份证号码" required hint="仅用于核对身份，不会显示给他人" error={form.errors.idNumber}>
          <Input
            className="form-input"
            name="idNumber"
            maxlength={18}
            value={form.values.idNumber}
            onInput={(e) => form.set('idNumber', e.detail.value)}
          />
        </FormField>
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={bind.isPending} onClick={submit}>
          绑定
        </Button>
      </View>
    </PageShell>
  )
}
