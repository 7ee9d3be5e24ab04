// 登录: one tap with WeChat in the mini-program; phone and password on H5 (and for staff who
// prefer it in the mini-program).
import { Button, Input } from '@nutui/nutui-react-taro'
import { useMutation } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ZLoginWithPasswordRequestSchema } from '../../../common/contracts/auth/login-with-password'
import { PageShell } from '../../components/PageShell'
import { fieldErrorsOf, userMessage } from '../../lib/errors'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { type FieldErrors, validate } from '../../lib/validate'
import { useSignIn } from '../use-sign-in'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function LoginPage() {
  const trpc = useTRPC()
  const [isPasswordMode, setIsPasswordMode] = useState(!isWeapp)
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState('')

  const signedIn = useSignIn()
  const onFailure = (error: unknown) => {
    setErrors(fieldErrorsOf(error))
    setFormError(userMessage(error))
  }
  const passwordLogin = useMutation(
    trpc.auth.loginWithPassword.mutationOptions({ onSuccess: signedIn, onError: onFailure }),
  )
  const wechatLogin = useMutation(
    trpc.auth.loginWithWeChat.mutationOptions({ onSuccess: signedIn, onError: onFailure }),
  )

  const submitPassword = () => {
    setFormError('')
    const checked = validate(ZLoginWithPasswordRequestSchema, { phone, password })
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    passwordLogin.mutate(checked.data)
  }
  const submitWeChat = async () => {
    setFormError('')
    try {
      const { code } = await Taro.login()
      wechatLogin.mutate({ code })
    } catch {
      setFormError('无法获取微信登录凭证，请稍后重试')
    }
  }

  return (
    <PageShell access="public" className="login">
      <View className="login__brand">
        <Text className="login__title">党日帮扶台账</Text>
        <Text className="login__subtitle">主题党日 · 走访慰问 · 捐赠 · 群众诉求</Text>
      </View>
      {isPasswordMode ? (
        <View className="section login__form">
          <Input name="phone" type="tel" placeholder="手机号" value={phone} onChange={(value) => setPhone(value)} />
          {errors.phone ? <View className="field-error">{errors.phone}</View> : null}
          <Input
            name="password"
            type="password"
            placeholder="密码"
            value={password}
            onChange={(value) => setPassword(value)}
            onConfirm={submitPassword}
          />
          {errors.password ? <View className="field-error">{errors.password}</View> : null}
          <Button type="primary" block loading={passwordLogin.isPending} onClick={submitPassword}>
            登录
          </Button>
        </View>
      ) : (
        <View className="login__form">
          <Button type="primary" block loading={wechatLogin.isPending} onClick={() => void submitWeChat()}>
            微信一键登录
          </Button>
        </View>
      )}
      {formError ? <View className="field-error login__error">{formError}</View> : null}
      {isWeapp ? (
        <View className="login__switch" onClick={() => setIsPasswordMode(!isPasswordMode)}>
          {isPasswordMode ? '使用微信一键登录' : '工作人员使用手机号登录'}
        </View>
      ) : null}
      <View className="login__switch" onClick={() => void Taro.navigateTo({ url: routes.acceptInvitation() })}>
        收到了邀请码？
      </View>
      <View className="muted login__note">
        首次登录时请阅读并同意《个人信息保护说明》，我们只在帮扶工作需要时使用您的信息。
      </View>
    </PageShell>
  )
}
