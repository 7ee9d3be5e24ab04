// 使用邀请码: how an invited person joins. The code arrives in the page's query: typed, from a
// shared card (`?code=`), or from the QR code's link, which the mini-program is opened with when
// scanned (`?q=<the link>`), and the H5 app from GET /invite. In the mini-program the person signs
// in with WeChat and the code binds that WeChat to the account made for them (invitation.accept):
// from then on WeChat login opens it with its roles. In a browser, with no WeChat to bind, they
// give the account's phone and choose their password (invitation.acceptWithPassword). Either way
// the answer is a session of the staff account, and the app carries on as after a login.
import { Button } from '@nutui/nutui-react-taro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZAcceptInvitationRequestSchema } from '../../../common/contracts/invitation/accept-invitation'
import { ZAcceptInvitationWithPasswordRequestSchema } from '../../../common/contracts/invitation/accept-invitation-with-password'
import { formatInvitationCode, invitationCodeOf } from '../../../common/contracts/invitation/invitation-code'
import { PageShell } from '../../components/PageShell'
import { TextField } from '../../components/TextField'
import { fieldErrorsOf, userMessage } from '../../lib/errors'
import { saveSession } from '../../lib/session'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'
import { NewPasswordFields } from '../NewPasswordFields'
import { useSignIn } from '../use-sign-in'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** The code the page was opened with, formatted (K7QM-3XHP), or '' when none came. */
export const codeFromQuery = (params: Partial<Record<string, string>>): string => {
  let given = params.code ?? ''
  if (!given && params.q) {
    try {
      given = decodeURIComponent(params.q)
    } catch {
      given = ''
    }
  }
  const code = invitationCodeOf(given)
  return code ? formatInvitationCode(code) : ''
}

export const AcceptInvitation = ({ initialCode }: { initialCode: string }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const signIn = useSignIn()
  const [clientMutationId] = useState(uuid)
  const [formError, setFormError] = useState('')
  const form = useForm({ code: initialCode, phone: '', newPassword: '', repeated: '' })
  const { values } = form
  const refused = (error: unknown) => {
    form.setErrors(fieldErrorsOf(error))
    setFormError(userMessage(error))
  }
  const wechatLogin = useMutation(trpc.auth.loginWithWeChat.mutationOptions())
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: signIn,
      onError: (error) => {
        // Signed in now as this WeChat's own account: nothing of whoever was before stays cached.
        queryClient.clear()
        refused(error)
      },
    }),
  )
  const withPassword = useMutation(
    trpc.invitation.acceptWithPassword.mutationOptions({ onSuccess: signIn, onError: refused }),
  )

  const joinWithWeChat = async () => {
    setFormError('')
    const checked = form.check(ZAcceptInvitationRequestSchema, { clientMutationId, code: values.code })
    if (!checked) return
    let wechatCode: string
    try {
      wechatCode = (await Taro.login()).code
    } catch {
      return setFormError('无法获取微信登录凭证，请稍后重试')
    }
    try {
      // The code is used by the WeChat's own account (made at its first login, with no roles).
      saveSession(await wechatLogin.mutateAsync({ code: wechatCode }))
    } catch (error) {
      return refused(error)
    }
    accept.mutate(checked)
  }

  const joinWithPassword = () => {
    setFormError('')
    if (values.repeated !== values.newPassword) return form.setErrors({ repeated: '两次输入的密码不一致' })
    const checked = form.check(ZAcceptInvitationWithPasswordRequestSchema, {
      code: values.code,
      phone: values.phone,
      newPassword: values.newPassword,
    })
    if (checked) withPassword.mutate(checked)
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ scanType: ['qrCode'] })
      const code = invitationCodeOf(result)
      if (code) form.set('code', formatInvitationCode(code))
      else setFormError('这个二维码不是邀请码，请扫描管理员给您的邀请二维码')
    } catch {
      // Cancelled.
    }
  }

  return (
    <View>
      <View className="section">
        <View className="section__title">加入党日帮扶台账</View>
        <View className="section__body">
          {isWeapp
            ? '管理员或支部书记已为您登记账号。输入或扫描邀请码，用微信登录后即绑定到您的账号，以后打开小程序用微信一键登录。'
            : '管理员或支部书记已为您登记账号。请核对邀请码，填写登记时用的手机号，并设置您自己的登录密码。'}
        </View>
      </View>
      <View className="section">
        <TextField label="邀请码" required hint="8 位字母和数字，如 K7QM-3XHP" name="code" {...form.field('code')} />
        {isWeapp ? (
          <View className="section__body">
            <Button size="small" onClick={() => void scan()}>
              扫描邀请二维码
            </Button>
          </View>
        ) : (
          <>
            <TextField label="手机号" required name="phone" type="number" {...form.field('phone')} />
            <NewPasswordFields label="设置密码" repeatLabel="再次输入密码" form={form} />
          </>
        )}
      </View>
      {formError ? <View className="field-error">{formError}</View> : null}
      <View className="form-actions">
        {isWeapp ? (
          <Button
            type="primary"
            block
            loading={wechatLogin.isPending || accept.isPending}
            onClick={() => void joinWithWeChat()}
          >
            微信登录并绑定
          </Button>
        ) : (
          <Button type="primary" block loading={withPassword.isPending} onClick={joinWithPassword}>
            设置密码并进入
          </Button>
        )}
      </View>
    </View>
  )
}

export default function AcceptInvitationPage() {
  const { params } = useRouter()
  return (
    <PageShell access="public">
      <AcceptInvitation initialCode={codeFromQuery(params)} />
    </PageShell>
  )
}
