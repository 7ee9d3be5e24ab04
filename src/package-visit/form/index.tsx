// 登记走访: a visit to a household or to the resident cadre, from an activity or from a household:
// what was found (健康状况, 家庭生活情况, 实际困难), what was handed over, and the needs raised.
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZCreateVisitRequestSchema } from '../../../common/contracts/visit/create-visit'
import { shanghaiDate } from '../../../common/dates'
import {
  NEED_CATEGORY_LABELS,
  NEED_URGENCY_LABELS,
  type NeedCategory,
  type NeedUrgency,
  VISIT_TARGET_LABELS,
  type VisitTarget,
} from '../../../common/enums'
import type { TGoodsLine } from '../../../common/goods'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { GoodsEditor } from '../../components/GoodsEditor'
import { MoneyInput } from '../../components/MoneyInput'
import { PageShell } from '../../components/PageShell'
import { PhotoPicker } from '../../components/PhotoPicker'
import { optionsOf, SelectField } from '../../components/SelectField'
import { activityBasics, usePendingActivity } from '../../lib/offline-queue/use-pending-activity'
import { QUEUED_TOAST, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'

type RaisedNeed = { category: NeedCategory | null; description: string; urgency: NeedUrgency; dueOn: string | null }

type Values = {
  target: VisitTarget
  villageId: string | null
  householdId: string | null
  cadreUserId: string | null
  visitedOn: string
  visitorIds: string[]
  healthNotes: string
  livingConditions: string
  difficulties: string
  goods: TGoodsLine[]
  cashFen: number | undefined
  needs: RaisedNeed[]
}

export default function VisitFormPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const [cashProblem, setCashProblem] = useState<string>()
  const form = useForm<Values>({
    target: params.target === 'CADRE' ? 'CADRE' : 'HOUSEHOLD',
    villageId: null,
    householdId: params.householdId ?? null,
    cadreUserId: null,
    visitedOn: shanghaiDate(),
    visitorIds: [],
    healthNotes: '',
    livingConditions: '',
    difficulties: '',
    goods: [],
    cashFen: undefined,
    needs: [],
  })
  const { values, set, errors } = form

  const activity = useQuery({
    ...trpc.activity.byId.queryOptions({ id: params.activityId ?? '' }),
    enabled: Boolean(params.activityId),
  })
  const household = useQuery({
    ...trpc.household.byId.queryOptions({ id: params.householdId ?? '' }),
    enabled: Boolean(params.householdId),
  })
  const villages = useQuery(trpc.village.list.queryOptions())
  const villageId = values.villageId
  const households = useQuery({
    ...trpc.household.list.queryOptions({ villageId: villageId ?? undefined, limit: 100 }),
    enabled: Boolean(villageId),
  })
  const people = useQuery({
    ...trpc.village.people.queryOptions({ villageId: villageId ?? '' }),
    enabled: Boolean(villageId),
  })

  // The visit's village and day follow the activity or the household it starts from.
  // From the server, or from the queue when the activity was itself saved offline.
  const basics = activityBasics(activity.data, usePendingActivity(params.activityId))
  useFirstData(basics, (a) =>
    form.setValues((v) => ({ ...v, villageId: v.villageId ?? a.villageId, visitedOn: a.heldOn })),
  )
  useFirstData(household.data, (h) => form.setValues((v) => ({ ...v, villageId: h.village.id, householdId: h.id })))

  const attachments = usePhotoAttachments()
  const create = useQueuedMutation('visit.create', {
    onSaved: (saved) => {
      const visitId = saved.isSynced ? saved.result.id : saved.id
      if (visitId) attachments.queueFor({ visitId })
      toast(saved.isSynced ? '走访已登记' : QUEUED_TOAST)
      setTimeout(() => void Taro.navigateBack(), 500)
    },
    onError: form.onServerError,
  })

  const submit = () => {
    if (cashProblem) return toast(`慰问金：${cashProblem}`)
    const checked = form.check(ZCreateVisitRequestSchema, {
      activityId: params.activityId ?? null,
      target: values.target,
      householdId: values.target === 'HOUSEHOLD' ? values.householdId : null,
      cadreUserId: values.target === 'CADRE' ? values.cadreUserId : null,
      villageId: values.villageId,
      visitedOn: values.visitedOn,
      visitorIds: values.visitorIds,
      healthNotes: values.healthNotes,
      livingConditions: values.livingConditions,
      difficulties: values.difficulties,
      goods: values.goods,
      cashFen: values.cashFen ?? 0,
      needs: values.needs.map((n) => ({ ...n, category: n.category ?? undefined })),
    })
    if (checked) create.mutate(checked)
  }

  const setNeed = (index: number, patch: Partial<RaisedNeed>) =>
    set(
      'needs',
      values.needs.map((n, i) => (i === index ? { ...n, ...patch } : n)),
    )
  const everyone = [...(people.data?.cadres ?? []), ...(people.data?.members ?? [])].filter(
    (p, i, all) => all.findIndex((q) => q.id === p.id) === i,
  )

  return (
    <PageShell>
      <View className="section">
        {basics ? <View className="section__title">{basics.theme}</View> : null}
        <FormField label="走访对象" required error={errors.target}>
          <SelectField
            options={optionsOf(VISIT_TARGET_LABELS)}
            value={values.target}
            onChange={(v) => set('target', v)}
            testId="target"
          />
        </FormField>
        <FormField label="所在村" required error={errors.villageId}>
          <SelectField
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: `${v.township}${v.name}` }))}
            value={values.villageId}
            onChange={(v) =>
              form.setValues((current) => ({ ...current, villageId: v, householdId: null, cadreUserId: null }))
            }
            testId="villageId"
          />
        </FormField>
        {values.target === 'HOUSEHOLD' ? (
          <FormField label="困难户" required error={errors.householdId}>
            <SelectField
              options={(households.data?.items ?? []).map((h) => ({
                value: h.id,
                label: `${h.headName}（${h.code}）`,
              }))}
              value={values.householdId}
              onChange={(v) => set('householdId', v)}
              placeholder={villageId ? '选择困难户' : '请先选择村'}
              testId="householdId"
            />
          </FormField>
        ) : (
          <FormField label="驻村干部" required error={errors.cadreUserId}>
            <SelectField
              options={(people.data?.cadres ?? []).map((c) => ({
                value: c.id,
                label: `${c.displayName}（${c.post}）`,
              }))}
              value={values.cadreUserId}
              onChange={(v) => set('cadreUserId', v)}
              placeholder={villageId ? '选择驻村干部' : '请先选择村'}
              testId="cadreUserId"
            />
          </FormField>
        )}
        <FormField label="走访日期" required error={errors.visitedOn}>
          <DateField value={values.visitedOn} onChange={(v) => set('visitedOn', v)} />
        </FormField>
        <FormField label="同行人员" hint="登记人自动计入" error={errors.visitorIds}>
          <Checkbox.Group value={values.visitorIds} onChange={(ids: string[]) => set('visitorIds', ids)}>
            {everyone.map((p) => (
              <Checkbox key={p.id} value={p.id} label={p.displayName} />
            ))}
          </Checkbox.Group>
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">走访了解</View>
        <FormField label="健康状况" hint="个人敏感信息，加密保存" error={errors.healthNotes}>
          <Textarea
            className="form-textarea"
            name="healthNotes"
            value={values.healthNotes}
            onInput={(e) => set('healthNotes', e.detail.value)}
          />
        </FormField>
        <FormField label="家庭生活情况" error={errors.livingConditions}>
          <Textarea
            className="form-textarea"
            name="livingConditions"
            value={values.livingConditions}
            onInput={(e) => set('livingConditions', e.detail.value)}
          />
        </FormField>
        <FormField label="实际困难" error={errors.difficulties}>
          <Textarea
            className="form-textarea"
            name="difficulties"
            value={values.difficulties}
            onInput={(e) => set('difficulties', e.detail.value)}
          />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">送去的慰问</View>
        <FormField label="慰问物资" error={errors.goods}>
          <GoodsEditor lines={values.goods} onChange={(lines) => set('goods', lines)} errors={errors} />
        </FormField>
        <FormField label="慰问金（元）" error={cashProblem ?? errors.cashFen}>
          <MoneyInput
            name="cash"
            valueFen={values.cashFen}
            onChange={(fen, problem) => {
              setCashProblem(problem)
              set('cashFen', fen)
            }}
          />
        </FormField>
      </View>
      {values.target === 'HOUSEHOLD' ? (
        <View className="section">
          <View className="section__title">群众诉求</View>
          {values.needs.map((need, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
            <View key={`need-${i}`} className="need-editor">
              <FormField label={`诉求 ${i + 1} · 类别`} required error={errors[`needs.${i}.category`]}>
                <SelectField
                  options={optionsOf(NEED_CATEGORY_LABELS)}
                  value={need.category}
                  onChange={(v) => setNeed(i, { category: v })}
                />
              </FormField>
              <FormField label="诉求内容" required error={errors[`needs.${i}.description`]}>
                <Textarea
                  className="form-textarea"
                  value={need.description}
                  onInput={(e) => setNeed(i, { description: e.detail.value })}
                />
              </FormField>
              <FormField label="紧急程度" error={errors[`needs.${i}.urgency`]}>
                <SelectField
                  options={optionsOf(NEED_URGENCY_LABELS)}
                  value={need.urgency}
                  onChange={(v) => setNeed(i, { urgency: v })}
                />
              </FormField>
              <FormField label="期望办结日期" error={errors[`needs.${i}.dueOn`]}>
                <DateField value={need.dueOn} onChange={(v) => setNeed(i, { dueOn: v })} />
              </FormField>
              <Text
                className="link link--danger"
                onClick={() =>
                  set(
                    'needs',
                    values.needs.filter((_, j) => j !== i),
                  )
                }
              >
                删除这条诉求
              </Text>
            </View>
          ))}
          <View className="actions">
            <Button
              size="small"
              fill="outline"
              onClick={() =>
                set('needs', [...values.needs, { category: null, description: '', urgency: 'NORMAL', dueOn: null }])
              }
            >
              + 记录一条诉求
            </Button>
          </View>
        </View>
      ) : null}
      <View className="section">
        <View className="section__title">现场照片</View>
        <PhotoPicker
          photos={attachments.photos}
          onChange={attachments.setPhotos}
          villageId={values.villageId}
          theme={basics?.theme ?? '入户走访'}
        />
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={create.isPending} onClick={submit}>
          保存走访记录
        </Button>
      </View>
    </PageShell>
  )
}
