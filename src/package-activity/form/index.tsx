// Plan or record a 主题党日: theme, date, village, the organising branch and the orgs taking part,
// 应到/实到 with every absentee's reason, and the summary. Also edits an existing activity.
import { Button, Checkbox, Switch } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZCreateActivityRequestSchema } from '../../../common/contracts/activity/create-activity'
import { ZUpdateActivityRequestSchema } from '../../../common/contracts/activity/update-activity'
import { shanghaiDate } from '../../../common/dates'
import { ACTIVITY_KIND_LABELS, type ActivityKind, type ActivityStatus } from '../../../common/enums'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { PhotoPicker } from '../../components/PhotoPicker'
import { optionsOf, SelectField } from '../../components/SelectField'
import { isConflict } from '../../lib/errors'
import { QUEUED_TOAST, type Saved, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useEditedRecord } from '../../lib/use-edited-record'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'

type Values = {
  kind: ActivityKind
  theme: string
  heldOn: string
  villageId: string | null
  place: string
  organiserOrgId: string | null
  participantOrgIds: string[]
  expectedCount: string
  presentCount: string
  absences: { name: string; reason: string }[]
  summary: string
  status: ActivityStatus
}

const blank = (): Values => ({
  kind: 'THEMED_PARTY_DAY',
  theme: '',
  heldOn: shanghaiDate(),
  villageId: null,
  place: '',
  organiserOrgId: null,
  participantOrgIds: [],
  expectedCount: '',
  presentCount: '',
  absences: [],
  summary: '',
  status: 'PUBLISHED',
})

const count = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

export default function ActivityFormPage() {
  const { params } = useRouter()
  const editingId = params.id
  const trpc = useTRPC()
  const form = useForm<Values>(blank())
  const { values, set, errors } = form
  const [orgSearch, setOrgSearch] = useState('')

  const orgs = useQuery(trpc.org.list.queryOptions({ limit: 500 }))
  const villages = useQuery(trpc.village.list.queryOptions())
  const existing = useQuery({
    ...trpc.activity.byId.queryOptions({ id: editingId ?? '' }),
    enabled: Boolean(editingId),
  })

  const edited = useEditedRecord(
    existing.data,
    (a) =>
      form.setValues({
        kind: a.kind,
        theme: a.theme,
        heldOn: a.heldOn,
        villageId: a.village?.id ?? null,
        place: a.place ?? '',
        organiserOrgId: a.organiserOrg.id,
        participantOrgIds: a.orgs.map((o) => o.id).filter((id) => id !== a.organiserOrg.id),
        expectedCount: String(a.expectedCount),
        presentCount: String(a.presentCount),
        absences: a.absences,
        summary: a.summary ?? '',
        status: a.status,
      }),
    () => existing.refetch(),
  )

  // A new activity is organised by the secretary's own branch by default.
  const organisable = (orgs.data ?? []).filter((o) => o.canOrganise)
  useFirstData(editingId ? null : orgs.data, (all) => {
    const mine = all.filter((o) => o.canOrganise)
    const branch = mine.find((o) => o.kind === 'BRANCH') ?? mine[0]
    if (branch) set('organiserOrgId', branch.id)
  })

  const participantChoices = (orgs.data ?? []).filter(
    (o) =>
      o.id !== values.organiserOrgId &&
      (!orgSearch || o.name.includes(orgSearch) || (o.shortName ?? '').includes(orgSearch)),
  )
  const absent = Math.max(0, (count(values.expectedCount) || 0) - (count(values.presentCount) || 0))

  // Online, the server's answer opens the activity; offline, it waits in the queue (待同步).
  const attachments = usePhotoAttachments()
  const saved = (outcome: Saved<'activity.create'> | Saved<'activity.update'>) => {
    const activityId = outcome.isSynced ? outcome.result.id : outcome.id
    if (activityId) attachments.queueFor({ activityId })
    if (!outcome.isSynced) {
      toast(QUEUED_TOAST)
      return void Taro.navigateBack()
    }
    toast('已保存')
    void Taro.redirectTo({ url: routes.activityDetail(outcome.result.id) })
  }
  const create = useQueuedMutation('activity.create', { onSaved: saved, onError: form.onServerError })
  const onUpdateError = (error: unknown) => (isConflict(error) ? edited.offerReload() : form.onServerError(error))
  const update = useQueuedMutation('activity.update', { onSaved: saved, onError: onUpdateError })

  const submit = () => {
    const input = {
      kind: values.kind,
      theme: values.theme,
      heldOn: values.heldOn,
      villageId: values.villageId,
      place: values.place || null,
      organiserOrgId: values.organiserOrgId ?? '',
      participantOrgIds: values.participantOrgIds,
      expectedCount: count(values.expectedCount),
      presentCount: count(values.presentCount),
      absences: values.absences,
      summary: values.summary || null,
      status: values.status,
    }
    if (editingId && edited.loadedVersion !== null) {
      const checked = form.check(ZUpdateActivityRequestSchema, {
        ...input,
        id: editingId,
        version: edited.loadedVersion,
      })
      if (checked) update.mutate(checked)
    } else {
      const checked = form.check(ZCreateActivityRequestSchema, input)
      if (checked) create.mutate(checked)
    }
  }

  return (
    <PageShell>
      <View className="section">
        <FormField label="活动类型" required error={errors.kind}>
          <SelectField options={optionsOf(ACTIVITY_KIND_LABELS)} value={values.kind} onChange={(v) => set('kind', v)} />
        </FormField>
        <FormField label="活动主题" required error={errors.theme}>
          <Input
            className="form-input"
            name="theme"
            placeholder="如：情系帮扶联点村 走访慰问暖民心"
            value={values.theme}
            onInput={(e) => set('theme', e.detail.value)}
          />
        </FormField>
        <FormField label="活动日期" required error={errors.heldOn}>
          <DateField value={values.heldOn} onChange={(v) => set('heldOn', v)} testId="heldOn" />
        </FormField>
        <FormField label="活动村" error={errors.villageId}>
          <SelectField
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: `${v.township}${v.name}` }))}
            value={values.villageId}
            onChange={(v) => set('villageId', v)}
            placeholder="选择帮扶联点村"
            testId="villageId"
          />
        </FormField>
        <FormField label="活动地点" error={errors.place}>
          <Input
            className="form-input"
            name="place"
            placeholder="如：前跃村村委会"
            value={values.place}
            onInput={(e) => set('place', e.detail.value)}
          />
        </FormField>
        <FormField label="组织单位" required error={errors.organiserOrgId}>
          <SelectField
            options={organisable.map((o) => ({ value: o.id, label: o.name }))}
            value={values.organiserOrgId}
            onChange={(v) => set('organiserOrgId', v)}
            testId="organiserOrgId"
          />
        </FormField>
        <FormField label={`参加单位（已选 ${values.participantOrgIds.length} 个）`} error={errors.participantOrgIds}>
          <Input
            className="form-input"
            name="orgSearch"
            placeholder="搜索组织名称，如 律师"
            value={orgSearch}
            onInput={(e) => setOrgSearch(e.detail.value)}
          />
          <View className="row">
            <Text
              className="link"
              onClick={() =>
                set('participantOrgIds', [
                  ...new Set([...values.participantOrgIds, ...participantChoices.map((o) => o.id)]),
                ])
              }
            >
              全选以下 {participantChoices.length} 个
            </Text>
            <Text className="link" onClick={() => set('participantOrgIds', [])}>
              清空
            </Text>
          </View>
          <Checkbox.Group value={values.participantOrgIds} onChange={(ids: string[]) => set('participantOrgIds', ids)}>
            {participantChoices.slice(0, 50).map((o) => (
              <Checkbox key={o.id} value={o.id} label={o.name} />
            ))}
          </Checkbox.Group>
        </FormField>
      </View>
      <View className="section">
        <FormField label="应到人数" required error={errors.expectedCount}>
          <Input
            className="form-input"
            name="expectedCount"
            type="number"
            value={values.expectedCount}
            onInput={(e) => set('expectedCount', e.detail.value)}
          />
        </FormField>
        <FormField label="实到人数" required error={errors.presentCount}>
          <Input
            className="form-input"
            name="presentCount"
            type="number"
            value={values.presentCount}
            onInput={(e) => set('presentCount', e.detail.value)}
          />
        </FormField>
        <FormField label={`缺席人员及原因（应填 ${absent} 位）`} error={errors.absences}>
          {values.absences.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
            <View key={`absence-${i}`} className="row">
              <Input
                className="form-input"
                placeholder="姓名"
                value={a.name}
                onInput={(e) =>
                  set(
                    'absences',
                    values.absences.map((x, j) => (j === i ? { ...x, name: e.detail.value } : x)),
                  )
                }
              />
              <Input
                className="form-input"
                placeholder="缺席原因"
                value={a.reason}
                onInput={(e) =>
                  set(
                    'absences',
                    values.absences.map((x, j) => (j === i ? { ...x, reason: e.detail.value } : x)),
                  )
                }
              />
              <Text
                className="link link--danger"
                onClick={() =>
                  set(
                    'absences',
                    values.absences.filter((_, j) => j !== i),
                  )
                }
              >
                删除
              </Text>
            </View>
          ))}
          <Text className="link" onClick={() => set('absences', [...values.absences, { name: '', reason: '' }])}>
            + 添加缺席人员
          </Text>
        </FormField>
        <FormField label="活动小结" error={errors.summary}>
          <Textarea
            className="form-textarea"
            name="summary"
            maxlength={5000}
            value={values.summary}
            onInput={(e) => set('summary', e.detail.value)}
          />
        </FormField>
        <FormField label="发布" hint="发布后计入统计；未发布的为草稿">
          <Switch
            checked={values.status === 'PUBLISHED'}
            onChange={(on) => set('status', on ? 'PUBLISHED' : 'DRAFT')}
          />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">活动照片</View>
        <PhotoPicker
          photos={attachments.photos}
          onChange={attachments.setPhotos}
          villageId={values.villageId}
          theme={values.theme || undefined}
        />
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={create.isPending || update.isPending} onClick={submit}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
