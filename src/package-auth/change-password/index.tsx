import { useMutation } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ZChangePasswordRequestSchema } from '../../../common/contracts/auth/change-password'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { TextField } from '../../components/TextField'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'

export default function ChangePasswordPage() {
  const trpc = useTRPC()
  const [clientMutationId] = useState(uuid)
  const form = useForm({ currentPassword: '', newPassword: '', repeated: '' })
  const { values } = form
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: ({ otherSessionsEnded }) => {
        toast(otherSessionsEnded ? `密码已修改，其他 ${otherSessionsEnded} 台设备已退出登录` : '密码已修改')
        void Taro.navigateBack()
      },
      onError: form.onServerError,
    }),
  )
  const submit = () => {
    if (values.repeated !== values.newPassword) {
      form.setErrors({ repeated: '两次输入的新密码不一致' })
      return
    }
    const checked = form.check(ZChangePasswordRequestSchema, {
      clientMutationId,
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    })
    if (checked) change.mutate(checked)
  }

  return (
    <PageShell>
      <View className="section">
        <TextField label="当前密码" required name="currentPassword" password {...form.field('currentPassword')} />
        <TextField
          label="新密码"
          required
          hint="至少 8 位，需同时包含字母和数字"
          name="newPassword"
          password
          {...form.field('newPassword')}
        />
        <TextField label="再次输入新密码" required name="repeated" password {...form.field('repeated')} />
      </View>
      <SaveButton isSaving={change.isPending} onSave={submit} />
    </PageShell>
  )
}
