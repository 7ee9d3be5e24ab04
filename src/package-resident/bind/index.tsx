import { useMutation, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ZBindHouseholdRequestSchema } from '../../../common/contracts/resident/bind-household'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { TextField } from '../../components/TextField'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useLeavePage } from '../../lib/use-leave-page'
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
      },
      onError: form.onServerError,
    }),
  )
  useLeavePage(bind.isSuccess ? routes.home : undefined)
  const submit = () => {
    const checked = form.check(ZBindHouseholdRequestSchema, { ...form.values, clientMutationId })
    if (checked) bind.mutate(checked)
  }
  return (
    <PageShell>
      <View className="section">
        <TextField label="户主姓名" required name="headName" {...form.field('headName')} />
        <TextField
          label="户主身份证号码"
          required
          hint="仅用于核对身份，不会显示给他人"
          name="idNumber"
          {...form.field('idNumber')}
        />
      </View>
      <SaveButton isSaving={bind.isPending} onSave={submit}>
        绑定
      </SaveButton>
    </PageShell>
  )
}
