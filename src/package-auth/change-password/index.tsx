// 修改密码: from 我的, or, on a one-time password (a new account, a reset by an administrator),
// the only page that opens until the password is changed (the server refuses everything else with
// PASSWORD_CHANGE_REQUIRED); then the app carries on from the 工作台.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ZChangePasswordRequestSchema } from '../../../common/contracts/auth/change-password'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { TextField } from '../../components/TextField'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useMe } from '../../lib/use-me'
import { uuid } from '../../lib/uuid'
import { NewPasswordFields } from '../NewPasswordFields'

export const ChangePasswordForm = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  const isOneTime = me?.mustChangePassword === true
  const [clientMutationId] = useState(uuid)
  const form = useForm({ currentPassword: '', newPassword: '', repeated: '' })
  const { values } = form
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async ({ otherSessionsEnded }) => {
        toast(otherSessionsEnded ? `密码已修改，其他 ${otherSessionsEnded} 台设备已退出登录` : '密码已修改')
        if (!isOneTime) return void Taro.navigateBack()
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })
        void Taro.reLaunch({ url: routes.home })
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
    <>
      {isOneTime ? (
        <View className="section">
          <View className="section__title">请先设置您自己的密码</View>
          <View className="field-error">
            您正在使用管理员给的初始密码。为了账号安全，请先修改密码，修改后才能使用其他功能。
          </View>
        </View>
      ) : null}
      <View className="section">
        <TextField
          label={isOneTime ? '初始密码' : '当前密码'}
          required
          name="currentPassword"
          password
          {...form.field('currentPassword')}
        />
        <NewPasswordFields label="新密码" repeatLabel="再次输入新密码" form={form} />
      </View>
      <SaveButton isSaving={change.isPending} onSave={submit} />
    </>
  )
}

export default function ChangePasswordPage() {
  // Signed in is enough: on a one-time password every other page sends the person here.
  return (
    <PageShell access="signedIn">
      <ChangePasswordForm />
    </PageShell>
  )
}
