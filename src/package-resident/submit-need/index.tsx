// 提交诉求: a resident tells the village cadres what they need, for their own household, or asks
// them to correct what the ledger holds about it (?category=CORRECTION, from 我的家庭).
import { Button } from '@nutui/nutui-react-taro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { NEED_CATEGORY_LABELS, type NeedCategory } from '../../../common/enums'
import { ZSubmitNeedRequestSchema } from '../../../server/routers/resident/submit-need.types'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { optionsOf, SelectField } from '../../components/SelectField'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'

export default function SubmitNeedPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [clientMutationId] = useState(uuid)
  const isCorrection = useRouter().params.category === 'CORRECTION'
  const form = useForm<{ category: NeedCategory | null; description: string }>({
    category: isCorrection ? 'CORRECTION' : null,
    description: '',
  })
  const submit = useMutation(
    trpc.resident.submitNeed.mutationOptions({
      onSuccess: (need) => {
        void queryClient.invalidateQueries({ queryKey: trpc.resident.pathKey() })
        toast('已提交，村干部会尽快办理')
        void Taro.redirectTo({ url: routes.myNeedDetail(need.id) })
      },
      onError: form.onServerError,
    }),
  )
  const send = () => {
    const checked = form.check(ZSubmitNeedRequestSchema, {
      clientMutationId,
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
