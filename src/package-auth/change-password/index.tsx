// 修改密码: for people who sign in with a phone and password. Every other device they were
// signed in on is signed out; this one stays.
import { Button } from '@nutui/nutui-react-taro'
import { useMutation } from '@tanstack/react-query'
import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ZChangePasswordRequestSchema } from '../../../common/contracts/auth/change-password'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'

export default function ChangePasswordPage() {
  const trpc = useTRPC()
  const [clientMutationId] = useState(uuid)
  const form = useForm({ currentPassword: '', newPassword: '', repeated: '' })
  const { values, set, errors } = form
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
        <FormField label="当前密码" required error={errors.currentPassword}>
          <Input
            className="form-input"
            name="currentPassword"
            password
            value={values.currentPassword}
            onInput={(e) => set('currentPassword', e.detail.value)}
          />
        </FormField>
        <FormField label="新密码" required error={errors.newPassword} hint="至少 8 位，需同时包含字母和数字">
          <Input
            className="form-input"
            name="newPassword"
            password
            value={values.newPassword}
            onInput={(e) => set('newPassword', e.detail.value)}
          />
        </FormField>
        <FormField label="再次输入新密码" required error={errors.repeated}>
          <Input
            className="form-input"
            name="repeated"
            password
            value={values.repeated}
            onInput={(e) => set('repeated', e.detail.value)}
          />
        </FormField>
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={change.isPending} onClick={submit}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
