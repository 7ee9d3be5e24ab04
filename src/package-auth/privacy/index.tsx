// 个人信息保护说明: read before using the ledger, and agreed to explicitly (PIPL Art. 14). In the
// mini-program the agree button is WeChat's own agreePrivacyAuthorization button, so WeChat's
// 隐私保护指引 flow is answered in the same tap. Declining signs the person out.
import { Button } from '@nutui/nutui-react-taro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Button as TaroButton, Text, View } from '@tarojs/components'
import { PRIVACY_NOTICE_SECTIONS, PRIVACY_NOTICE_TITLE, PRIVACY_NOTICE_VERSION } from '../../../common/privacy-notice'
import { PageShell } from '../../components/PageShell'
import { userMessage } from '../../lib/errors'
import { routes } from '../../lib/routes'
import { clearSession } from '../../lib/session'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useLeavePage } from '../../lib/use-leave-page'
import { uuid } from '../../lib/uuid'
import { AGREE_BUTTON_ID, answerWeChatPrivacy } from '../../lib/wechat-privacy'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function PrivacyPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const agree = useMutation(
    trpc.auth.agreePrivacy.mutationOptions({
      onSuccess: (profile) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), profile)
        // Anything fetched before the agreement (and refused for want of it) is fetched afresh.
        // (Not clear(): pages still mounted would keep observing the removed queries.)
        void queryClient.invalidateQueries()
        answerWeChatPrivacy(true)
      },
      onError: (error) => toast(userMessage(error)),
    }),
  )
  const submit = () =>
    agree.mutate({
      clientMutationId: uuid(),
      version: PRIVACY_NOTICE_VERSION,
      channel: isWeapp ? 'WECHAT' : 'H5',
    })
  const leave = () => {
    clearSession()
    queryClient.clear()
  }
  // Declining ends the session on the server too; locally it ends even if the server is unreachable.
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: leave }))
  useLeavePage(agree.isSuccess ? routes.home : logout.isSuccess || logout.isError ? routes.login : undefined)
  const decline = () => {
    answerWeChatPrivacy(false)
    logout.mutate()
  }

  return (
    <PageShell access="signedIn" className="privacy">
      <View className="section">
        <View className="section__title">{PRIVACY_NOTICE_TITLE}</View>
        {PRIVACY_NOTICE_SECTIONS.map((s) => (
          <View key={s.heading} className="privacy__section">
            <Text className="privacy__heading">{s.heading}</Text>
            <Text className="privacy__body">{s.body}</Text>
          </View>
        ))}
        <Text className="muted privacy__version">{`版本 ${PRIVACY_NOTICE_VERSION}`}</Text>
      </View>
      <View className="privacy__actions">
        {isWeapp ? (
          <TaroButton
            id={AGREE_BUTTON_ID}
            className="privacy__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={submit}
            disabled={agree.isPending}
          >
            同意并继续
          </TaroButton>
        ) : (
          <Button type="primary" block loading={agree.isPending} onClick={submit}>
            同意并继续
          </Button>
        )}
        <Button fill="none" block loading={logout.isPending} onClick={decline}>
          不同意，退出登录
        </Button>
      </View>
    </PageShell>
  )
}
