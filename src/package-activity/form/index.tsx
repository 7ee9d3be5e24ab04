// Plan or record a 主题党日: theme, date, village, the organising branch and the orgs taking part,
// 应到/实到 with every absentee's reason, and the summary. Also edits an existing activity.
import { Switch } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateActivityRequestSchema } from '../../../common/contracts/activity/create-activity'
import { ZUpdateActivityRequestSchema } from '../../../common/contracts/activity/update-activity'
import { shanghaiDate } from '../../../common/dates'
import { ACTIVITY_KIND_LABELS, type ActivityKind, type ActivityStatus } from '../../../common/enums'
import { ChoiceField } from '../../components/ChoiceField'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { OrgPicker } from '../../components/OrgPicker'
import { PageShell } from '../../components/PageShell'
import { PhotoSection } from '../../components/PhotoPicker'
import { SaveButton } from '../../components/SaveButton'
import { optionsOf } from '../../components/SelectField'
import { TextAreaField, TextField } from '../../components/TextField'
import { VillageSelect } from '../../components/VillageSelect'
import { isConflict } from '../../lib/errors'
import { QUEUED_TOAST, type Saved, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { usePhotoAttachments } from '../../lib/photos/use-photo-attachments'
import { useOrganisableOrgs } from '../../lib/pickers/use-org-picker'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useEditedRecord } from '../../lib/use-edited-record'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'
import { type Absence, AbsencesField } from './AbsencesField'
import { ParticipantOrgsField } from './ParticipantOrgsField'

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
  absences: Absence[]
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

  const organisable = useOrganisableOrgs()
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
  useFirstData(editingId ? null : organisable.data, ({ items }) => {
    const branch = items.find((o) => o.kind === 'BRANCH') ?? items[0]
    if (branch) set('organiserOrgId', branch.id)
  })

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
        <ChoiceField label="活动类型" required options={optionsOf(ACTIVITY_KIND_LABELS)} {...form.field('kind')} />
        <TextField
          label="活动主题"
          required
          name="theme"
          placeholder="如：情系帮扶联点村 走访慰问暖民心"
          {...form.field('theme')}
        />
        <FormField label="活动日期" required error={errors.heldOn}>
          <DateField value={values.heldOn} onChange={(v) => set('heldOn', v)} testId="heldOn" />
        </FormField>
        <FormField label="活动村" error={errors.villageId}>
          <VillageSelect
            value={values.villageId}
            onChange={(v) => set('villageId', v)}
            placeholder="选择帮扶联点村"
            testId="villageId"
          />
        </FormField>
        <TextField label="活动地点" name="place" placeholder="如：前跃村村委会" {...form.field('place')} />
        <FormField label="组织单位" required error={errors.organiserOrgId}>
          <OrgPicker
            isOrganisable
            value={values.organiserOrgId}
            onChange={(v) => set('organiserOrgId', v)}
            prompt="搜索选择组织单位"
            testId="organiserOrgId"
          />
        </FormField>
        <ParticipantOrgsField
          organiserOrgId={values.organiserOrgId}
          value={values.participantOrgIds}
          onChange={(ids) => set('participantOrgIds', ids)}
          error={errors.participantOrgIds}
        />
      </View>
      <View className="section">
        <TextField label="应到人数" required name="expectedCount" type="number" {...form.field('expectedCount')} />
        <TextField label="实到人数" required name="presentCount" type="number" {...form.field('presentCount')} />
        <AbsencesField
          absences={values.absences}
          onChange={(absences) => set('absences', absences)}
          absentCount={absent}
          error={errors.absences}
        />
        <TextAreaField label="活动小结" name="summary" {...form.field('summary')} />
        <FormField label="发布" hint="发布后计入统计；未发布的为草稿">
          <Switch
            checked={values.status === 'PUBLISHED'}
            onChange={(on) => set('status', on ? 'PUBLISHED' : 'DRAFT')}
          />
        </FormField>
      </View>
      <PhotoSection
        title="活动照片"
        attachments={attachments}
        villageId={values.villageId}
        theme={values.theme || undefined}
      />
      <SaveButton isSaving={create.isPending || update.isPending} onSave={submit} />
    </PageShell>
  )
}
