// A need and its timeline. Those who keep the village's records move it along its workflow;
// each move asks for what it needs (责任单位, 办理说明, 满意度) and lands on the timeline.
import { Button, Cell, Rate } from '@nutui/nutui-react-taro'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZTransitionNeedRequestSchema } from '../../../common/contracts/need/transition-need'
import { NEED_CATEGORY_LABELS, NEED_SOURCE_LABELS, NEED_URGENCY_LABELS, type NeedStatus } from '../../../common/enums'
import { type NeedTransitionRule, SATISFACTION_LABELS } from '../../../common/need-workflow'
import { DetailShell } from '../../components/DetailShell'
import { FormField } from '../../components/FormField'
import { NeedStatusTag } from '../../components/NeedStatusTag'
import { TextAreaField, TextField } from '../../components/TextField'
import { NeedTimelineSection } from '../../components/Timeline'
import { isConflict } from '../../lib/errors'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { itemSummary } from '../../lib/offline-queue/labels'
import type { QueueItem } from '../../lib/offline-queue/types'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'

const TransitionForm = ({
  need,
  rule,
  onDone,
}: {
  need: { id: string; version: number }
  rule: NeedTransitionRule
  onDone: () => void
}) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const form = useForm<{ note: string; responsibleUnit: string; satisfaction: number }>({
    note: '',
    responsibleUnit: '',
    satisfaction: 0,
  })
  // The lists and 统计 are refreshed when the item syncs (offline-queue/invalidation.ts); the
  // need's own page shows the server's answer at once, or the step as 待同步 until then.
  const transition = useQueuedMutation('need.transition', {
    onSaved: (saved) => {
      if (saved.isSynced) {
        queryClient.setQueryData(trpc.need.byId.queryKey({ id: saved.result.id }), saved.result)
        toast(`已${rule.action}`)
      } else toast(QUEUED_TOAST)
      onDone()
    },
    onError: (error) => {
      form.onServerError(error)
      // Someone else moved it first: show them the current state.
      if (isConflict(error)) void queryClient.invalidateQueries({ queryKey: trpc.need.byId.queryKey({ id: need.id }) })
    },
  })
  const submit = () => {
    const { note, responsibleUnit, satisfaction } = form.values
    const checked = form.check(ZTransitionNeedRequestSchema, {
      id: need.id,
      version: need.version,
      to: rule.to,
      ...(note ? { note } : {}),
      ...(responsibleUnit ? { responsibleUnit } : {}),
      ...(satisfaction ? { satisfaction } : {}),
    })
    if (checked) transition.mutate(checked)
  }
  return (
    <View className="section">
      <View className="section__title">{rule.action}</View>
      {rule.requires.includes('responsibleUnit') ? (
        <TextField
          label="责任单位"
          required
          name="responsibleUnit"
          placeholder="如：大通县住房和城乡建设局"
          {...form.field('responsibleUnit')}
        />
      ) : null}
      {rule.requires.includes('satisfaction') ? (
        <FormField label="群众满意度" required error={form.errors.satisfaction}>
          <Rate value={form.values.satisfaction} onChange={(value) => form.set('satisfaction', value)} />
          {form.values.satisfaction ? (
            <View className="muted">{SATISFACTION_LABELS[form.values.satisfaction]}</View>
          ) : null}
        </FormField>
      ) : null}
      <TextAreaField
        label={rule.to === 'FOLLOWED_UP' ? '回访记录' : '办理说明'}
        required={rule.requires.includes('note')}
        name="note"
        {...form.field('note')}
      />
      <View className="form-actions">
        <Button type="primary" block loading={transition.isPending} onClick={submit}>
          {`确认${rule.action}`}
        </Button>
        <Button block onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  )
}

/** This need's step still on the phone (or refused there), if any: the newest one. */
const queuedStep = (items: readonly QueueItem[] | undefined, id: string | undefined) =>
  items?.filter((item) => item.procedure === 'need.transition' && item.input.id === id).at(-1)

export default function NeedDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const need = useQuery(trpc.need.byId.queryOptions({ id: params.id ?? '' }))
  const queued = queuedStep(useOfflineQueueState()?.items, params.id)
  const [moving, setMoving] = useState<NeedStatus | null>(null)
  useRefreshOnPull(need)
  // A step waiting to be sent was taken from this version: another one now would only conflict.
  const isWaiting = queued !== undefined && queued.state !== 'failed'
  return (
    <DetailShell query={need}>
      {(n) => {
        const rule = n.nextSteps.find((step) => step.to === moving)
        return (
          <>
            <View className="section">
              <View className="section__title">{n.description}</View>
              <Cell title="状态" extra={<NeedStatusTag status={n.status} isOverdue={n.isOverdue} />} />
              <Cell
                title="困难户"
                extra={`${n.household.headName}（${n.household.code}）`}
                onClick={() => void Taro.navigateTo({ url: routes.householdDetail(n.household.id) })}
              />
              <Cell title="类别" extra={`${NEED_CATEGORY_LABELS[n.category]} · ${NEED_URGENCY_LABELS[n.urgency]}`} />
              <Cell title="来源" extra={NEED_SOURCE_LABELS[n.source]} />
              {n.dueOn ? <Cell title="应办结日期" extra={n.dueOn} /> : null}
              {n.responsibleUnit ? <Cell title="责任单位" extra={n.responsibleUnit} /> : null}
              {n.satisfaction ? (
                <Cell title="满意度" extra={`${n.satisfaction} 分（${SATISFACTION_LABELS[n.satisfaction]}）`} />
              ) : null}
            </View>
            {queued && !rule ? (
              <View className="muted" data-testid="queued-step">
                {isWaiting
                  ? `「${itemSummary(queued)}」已保存，待同步`
                  : `「${itemSummary(queued)}」未能同步，请到“待同步”查看原因`}
              </View>
            ) : null}
            {rule ? (
              // Kept open while its first attempt is out: a refusal shows beside its field.
              <TransitionForm key={rule.to} need={n} rule={rule} onDone={() => setMoving(null)} />
            ) : isWaiting ? null : n.nextSteps.length ? (
              <View className="actions">
                {n.nextSteps.map((step) => (
                  <Button
                    key={step.to}
                    type={step.to === 'REJECTED' ? 'default' : 'primary'}
                    size="small"
                    onClick={() => setMoving(step.to)}
                  >
                    {step.action}
                  </Button>
                ))}
              </View>
            ) : null}
            <NeedTimelineSection events={n.timeline} />
          </>
        )
      }}
    </DetailShell>
  )
}
