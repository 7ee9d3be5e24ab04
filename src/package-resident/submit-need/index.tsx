// 提交诉求: a resident tells the village cadres what they need, for their own household, or asks
// them to correct what the ledger holds about it (?category=CORRECTION, from 我的家庭).
import { Button } from '@nutui/nutui-react-taro'
import { Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZSubmitNeedRequestSchema } from '../../../common/contracts/resident/submit-need'
import { NEED_CATEGORY_LABELS, type NeedCategory } from '../../../common/enums'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { optionsOf, SelectField } from '../../components/SelectField'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useForm } from '../../lib/use-form'

export default function SubmitNeedPage() {
  const isCorrection = useRouter().params.category === 'CORRECTION'
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
  const send = () => {
    const checked = form.check(ZSubmitNeedRequestSchema, {
      category: form.values.category ?? undefined,
      description: form.values.description,
    })
    if (checked) submit.mutate(checked)
  }
  return (
    <PageShell>
      <View className="section">
        <FormField label="您需要哪方面的帮助" required error={form.errors.category}>
          <SelectField
            options={optionsOf(NEED_CATEGORY_LABELS)}
            value={form.values.category}
            onChange={(v) => form.set('category', v)}
            testId="category"
          />
        </FormField>
        <FormField label="请说说具体情况" required error={form.errors.description}>
          <Textarea
            className="form-textarea"
            name="description"
            placeholder={isCorrection ? '如：户主电话已换号，新号码是……' : '如：家里屋顶漏雨，需要维修'}
            maxlength={500}
            value={form.values.description}
            onInput={(e) => form.set('description', e.detail.value)}
          />
        </FormField>
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={submit.isPending} onClick={send}>
          提交
        </Button>
      </View>
    </PageShell>
  )
}
