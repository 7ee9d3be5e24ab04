import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZSubmitNeedRequestSchema } from '../../../common/contracts/resident/submit-need'
import { NEED_CATEGORY_LABELS, type NeedCategory } from '../../../common/enums'
import { ChoiceField } from '../../components/ChoiceField'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { optionsOf } from '../../components/SelectField'
import { TextAreaField } from '../../components/TextField'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC, useTRPCClient } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'
import { askNeedNotices } from './ask-need-notices'

const HAS_SUBSCRIBE_MESSAGES = process.env.TARO_ENV === 'weapp'

export default function SubmitNeedPage() {
  const isCorrection = useRouter().params.category === 'CORRECTION'
  const trpc = useTRPC()
  const client = useTRPCClient()
  // Which template the server tells residents by (null: none configured).
  const templates = useQuery({ ...trpc.notice.templates.queryOptions(), enabled: HAS_SUBSCRIBE_MESSAGES })
  const form = useForm<{ category: NeedCategory | null; description: string }>({
    category: isCorrection ? 'CORRECTION' : null,
    description: '',
  })
  // Online, the server's answer opens the need; offline (a village with poor signal), it waits in
  // the queue and goes out when the phone is back online.
  const submit = useQueuedMutation('resident.submitNeed', {
    onSaved: (saved) => {
      if (!saved.isSynced) {
        toast(QUEUED_TOAST)
        return void Taro.navigateBack()
      }
      toast('已提交，村干部会尽快办理')
      void Taro.redirectTo({ url: routes.myNeedDetail(saved.result.id) })
    },
    onError: form.onServerError,
  })
  const send = async () => {
    const checked = form.check(ZSubmitNeedRequestSchema, {
      category: form.values.category ?? undefined,
      description: form.values.description,
    })
    if (!checked) return
    // "Tell me when it is handled": asked on this tap, before the need goes out.
    const accepted = await askNeedNotices(templates.data?.needStatus ?? null)
    submit.mutate(checked)
    // A grant that fails to be recorded (offline) only means no WeChat message: the need's page
    // still shows every change.
    if (accepted.length)
      void client.notice.recordGrants.mutate({ clientMutationId: uuid(), templateIds: accepted }).catch(() => {})
  }
  return (
    <PageShell>
      <View className="section">
        <ChoiceField
          label="您需要哪方面的帮助"
          required
          options={optionsOf(NEED_CATEGORY_LABELS)}
          testId="category"
          {...form.field('category')}
        />
        <TextAreaField
          label="请说说具体情况"
          required
          name="description"
          placeholder={isCorrection ? '如：户主电话已换号，新号码是……' : '如：家里屋顶漏雨，需要维修'}
          {...form.field('description')}
        />
      </View>
      <SaveButton isSaving={submit.isPending} onSave={() => void send()}>
        提交
      </SaveButton>
    </PageShell>
  )
}
