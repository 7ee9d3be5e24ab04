// Add or update a household, as cadres keep it: profile, 监测类别, incomes, 帮扶措施 and
// 帮扶责任人, members (health is personal data, stored encrypted) and up to five risks.
import { Button, Checkbox, Switch } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ZCreateHouseholdRequestSchema } from '../../../common/contracts/household/create-household'
import { ZUpdateHouseholdRequestSchema } from '../../../common/contracts/household/update-household'
import {
  HEALTH_STATUS_LABELS,
  HELP_MEASURE_LABELS,
  type HealthStatus,
  type HelpMeasure,
  HOUSEHOLD_CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  type HouseholdCategory,
  type HouseholdType,
  LABOR_CAPACITY_LABELS,
  type LaborCapacity,
  RELATIONSHIP_LABELS,
  type Relationship,
  RISK_CODE_LABELS,
  RISK_ELIMINATION_METHOD_LABELS,
  type RiskCode,
  type RiskEliminationMethod,
  SCHOOL_STATUS_LABELS,
  type SchoolStatus,
} from '../../../common/enums'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { MoneyInput } from '../../components/MoneyInput'
import { PageShell } from '../../components/PageShell'
import { optionsOf, SelectField } from '../../components/SelectField'
import { isConflict } from '../../lib/errors'
import { QUEUED_TOAST, type Saved, useQueuedMutation } from '../../lib/offline-queue/use-queued-mutation'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useEditedRecord } from '../../lib/use-edited-record'
import { useFirstData } from '../../lib/use-first-data'
import { useForm } from '../../lib/use-form'

type Member = {
  id?: string
  name: string
  relationship: Relationship
  idNumber: string
  idNumberMasked: string | null
  healthStatus: HealthStatus | null
  healthDetail: string
  laborCapacity: LaborCapacity
  schoolStatus: SchoolStatus
  workInfo: string
}

type Risk = {
  code: RiskCode | null
  identifiedMonth: string
  isEliminated: boolean
  eliminatedMonth: string
  eliminationMethod: RiskEliminationMethod | null
}

type Values = {
  villageId: string | null
  code: string
  headName: string
  idNumber: string
  phone: string
  groupName: string
  householdType: HouseholdType
  category: HouseholdCategory | null
  incomePerCapitaFen: number | undefined
  helpMeasures: HelpMeasure[]
  responsibleUserId: string | null
  monitoringStartedOn: string | null
  notes: string
  members: Member[]
  risks: Risk[]
}

const newMember = (relationship: Relationship): Member => ({
  name: '',
  relationship,
  idNumber: '',
  idNumberMasked: null,
  healthStatus: null,
  healthDetail: '',
  laborCapacity: 'ABLE',
  schoolStatus: 'NOT_IN_SCHOOL',
  workInfo: '',
})

/** "2024-06" ↔ "202406": the national system writes months as YYYYMM. */
const toYearMonth = (month: string) => month.replace('-', '')
const fromYearMonth = (ym: string) => (ym.length === 6 ? `${ym.slice(0, 4)}-${ym.slice(4)}` : '')

export default function HouseholdFormPage() {
  const { params } = useRouter()
  const editingId = params.id
  const trpc = useTRPC()
  const form = useForm<Values>({
    villageId: null,
    code: '',
    headName: '',
    idNumber: '',
    phone: '',
    groupName: '',
    householdType: 'POVERTY_ALLEVIATED',
    category: null,
    incomePerCapitaFen: undefined,
    helpMeasures: [],
    responsibleUserId: null,
    monitoringStartedOn: null,
    notes: '',
    members: [newMember('HEAD')],
    risks: [],
  })
  const { values, set, errors } = form
  const { data: me } = useQuery(trpc.auth.me.queryOptions())
  const existing = useQuery({
    ...trpc.household.byId.queryOptions({ id: editingId ?? '' }),
    enabled: Boolean(editingId),
  })
  const people = useQuery({
    ...trpc.village.people.queryOptions({ villageId: values.villageId ?? '' }),
    enabled: Boolean(values.villageId),
  })
  const villageOptions = (me?.villages ?? []).map((v) => ({ value: v.id, label: `${v.township}${v.name}` }))

  useFirstData(editingId ? null : me, (profile) => {
    if (profile.villages.length === 1) set('villageId', profile.villages[0]?.id ?? null)
  })
  const edited = useEditedRecord(
    existing.data,
    (h) =>
      form.setValues({
        villageId: h.village.id,
        code: h.code,
        headName: h.headName,
        idNumber: '',
        phone: '',
        groupName: h.groupName ?? '',
        householdType: h.householdType,
        category: h.category,
        incomePerCapitaFen: h.incomePerCapitaFen ?? undefined,
        helpMeasures: h.helpMeasures,
        responsibleUserId: h.responsibleUser?.id ?? null,
        monitoringStartedOn: h.monitoringStartedOn,
        notes: h.notes ?? '',
        members: h.members.map((m) => ({
          id: m.id,
          name: m.name,
          relationship: m.relationship,
          idNumber: '',
          idNumberMasked: m.idNumberMasked,
          healthStatus: m.health?.status ?? null,
          healthDetail: m.health?.detail ?? '',
          laborCapacity: m.laborCapacity,
          schoolStatus: m.schoolStatus,
          workInfo: m.workInfo ?? '',
        })),
        risks: h.risks.map((r) => ({
          code: r.code,
          identifiedMonth: r.identifiedMonth,
          isEliminated: r.isEliminated,
          eliminatedMonth: r.eliminatedMonth ?? '',
          eliminationMethod: r.eliminationMethod,
        })),
      }),
    () => existing.refetch(),
  )

  // Online, the server's answer opens the household; offline, it waits in the queue (待同步).
  const saved = (outcome: Saved<'household.create'> | Saved<'household.update'>) => {
    if (!outcome.isSynced) {
      toast(QUEUED_TOAST)
      return void Taro.navigateBack()
    }
    toast('已保存')
    void Taro.redirectTo({ url: routes.householdDetail(outcome.result.id) })
  }
  const onError = (error: unknown) => {
    if (isConflict(error) && editingId) edited.offerReload()
    else form.onServerError(error)
  }
  const create = useQueuedMutation('household.create', { onSaved: saved, onError })
  const update = useQueuedMutation('household.update', { onSaved: saved, onError })

  const submit = () => {
    const input = {
      code: values.code,
      headName: values.headName,
      groupName: values.groupName || null,
      householdType: values.householdType,
      category: values.category ?? undefined,
      incomePerCapitaFen: values.incomePerCapitaFen ?? null,
      helpMeasures: values.helpMeasures,
      responsibleUserId: values.responsibleUserId,
      monitoringStartedOn: values.monitoringStartedOn,
      notes: values.notes || null,
      members: values.members.map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        name: m.name,
        relationship: m.relationship,
        ...(m.idNumber ? { idNumber: m.idNumber } : {}),
        ...(m.healthStatus ? { health: { status: m.healthStatus, detail: m.healthDetail || null } } : {}),
        laborCapacity: m.laborCapacity,
        schoolStatus: m.schoolStatus,
        workInfo: m.workInfo || null,
      })),
      risks: values.risks.map((r) => ({
        code: r.code ?? undefined,
        identifiedMonth: r.identifiedMonth,
        isEliminated: r.isEliminated,
        eliminatedMonth: r.isEliminated ? r.eliminatedMonth || null : null,
        eliminationMethod: r.isEliminated ? r.eliminationMethod : null,
      })),
    }
    if (editingId && edited.loadedVersion !== null) {
      const checked = form.check(ZUpdateHouseholdRequestSchema, {
        ...input,
        id: editingId,
        version: edited.loadedVersion,
        ...(values.idNumber ? { idNumber: values.idNumber } : {}),
        ...(values.phone ? { phone: values.phone } : {}),
      })
      if (checked) update.mutate(checked)
    } else {
      const checked = form.check(ZCreateHouseholdRequestSchema, {
        ...input,
        villageId: values.villageId ?? '',
        idNumber: values.idNumber,
        phone: values.phone || null,
      })
      if (checked) create.mutate(checked)
    }
  }

  const setMember = (i: number, patch: Partial<Member>) =>
    set(
      'members',
      values.members.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    )
  const setRisk = (i: number, patch: Partial<Risk>) =>
    set(
      'risks',
      values.risks.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    )
  const staff = [...(people.data?.cadres ?? []), ...(people.data?.members ?? [])].filter(
    (p, i, all) => all.findIndex((q) => q.id === p.id) === i,
  )

  return (
    <PageShell>
      <View className="section">
        <View className="section__title">基本信息</View>
        {editingId ? null : (
          <FormField label="所在村" required error={errors.villageId}>
            <SelectField options={villageOptions} value={values.villageId} onChange={(v) => set('villageId', v)} />
          </FormField>
        )}
        <FormField label="户编号" required error={errors.code}>
          <Input className="form-input" name="code" value={values.code} onInput={(e) => set('code', e.detail.value)} />
        </FormField>
        <FormField label="户主姓名" required error={errors.headName}>
          <Input
            className="form-input"
            name="headName"
            value={values.headName}
            onInput={(e) => set('headName', e.detail.value)}
          />
        </FormField>
        <FormField
          label="户主身份证号码"
          required={!editingId}
          hint={
            editingId ? `现为 ${existing.data?.idNumberMasked ?? ''}，不改请留空` : '加密保存，列表中只显示部分号码'
          }
          error={errors.idNumber}
        >
          <Input
            className="form-input"
            name="idNumber"
            maxlength={18}
            value={values.idNumber}
            onInput={(e) => set('idNumber', e.detail.value)}
          />
        </FormField>
        <FormField
          label="联系电话"
          hint={editingId ? `现为 ${existing.data?.phoneMasked ?? '未登记'}，不改请留空` : ''}
          error={errors.phone}
        >
          <Input
            className="form-input"
            name="phone"
            type="number"
            maxlength={11}
            value={values.phone}
            onInput={(e) => set('phone', e.detail.value)}
          />
        </FormField>
        <FormField label="所在组" error={errors.groupName}>
          <Input
            className="form-input"
            name="groupName"
            placeholder="如：二社"
            value={values.groupName}
            onInput={(e) => set('groupName', e.detail.value)}
          />
        </FormField>
        <FormField label="户类型" required error={errors.householdType}>
          <SelectField
            options={optionsOf(HOUSEHOLD_TYPE_LABELS)}
            value={values.householdType}
            onChange={(v) => set('householdType', v)}
          />
        </FormField>
        <FormField label="监测对象类别" required error={errors.category}>
          <SelectField
            options={optionsOf(HOUSEHOLD_CATEGORY_LABELS)}
            value={values.category}
            onChange={(v) => set('category', v)}
            testId="category"
          />
        </FormField>
        <FormField label="识别监测日期" error={errors.monitoringStartedOn}>
          <DateField value={values.monitoringStartedOn} onChange={(v) => set('monitoringStartedOn', v)} />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">收入与帮扶</View>
        <FormField label="家庭人均纯收入（元/年）" error={errors.incomePerCapitaFen}>
          <MoneyInput valueFen={values.incomePerCapitaFen} onChange={(fen) => set('incomePerCapitaFen', fen)} />
        </FormField>
        <FormField label="帮扶措施" error={errors.helpMeasures}>
          <Checkbox.Group
            direction="horizontal"
            value={values.helpMeasures}
            onChange={(v: string[]) => set('helpMeasures', v as HelpMeasure[])}
          >
            {optionsOf(HELP_MEASURE_LABELS).map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Checkbox.Group>
        </FormField>
        <FormField label="帮扶责任人" error={errors.responsibleUserId}>
          <SelectField
            options={staff.map((p) => ({ value: p.id, label: p.displayName }))}
            value={values.responsibleUserId}
            onChange={(v) => set('responsibleUserId', v)}
            placeholder={values.villageId ? '选择帮扶责任人' : '请先选择村'}
          />
        </FormField>
        <FormField label="备注" error={errors.notes}>
          <Textarea
            className="form-textarea"
            name="notes"
            value={values.notes}
            onInput={(e) => set('notes', e.detail.value)}
          />
        </FormField>
      </View>
      <View className="section">
        <View className="section__title">{`家庭成员（${values.members.length}）`}</View>
        {errors.members ? <View className="field-error">{errors.members}</View> : null}
        {values.members.map((m, i) => (
          <View key={m.id ?? `new-${i}`} className="need-editor">
            <FormField label={`成员 ${i + 1} · 姓名`} required error={errors[`members.${i}.name`]}>
              <Input className="form-input" value={m.name} onInput={(e) => setMember(i, { name: e.detail.value })} />
            </FormField>
            <FormField label="与户主关系" required error={errors[`members.${i}.relationship`]}>
              <SelectField
                options={optionsOf(RELATIONSHIP_LABELS)}
                value={m.relationship}
                onChange={(v) => setMember(i, { relationship: v })}
              />
            </FormField>
            <FormField
              label="身份证号码"
              hint={m.idNumberMasked ? `现为 ${m.idNumberMasked}，不改请留空` : ''}
              error={errors[`members.${i}.idNumber`]}
            >
              <Input
                className="form-input"
                maxlength={18}
                value={m.idNumber}
                onInput={(e) => setMember(i, { idNumber: e.detail.value })}
              />
            </FormField>
            <FormField
              label="健康状况"
              required={!m.id}
              error={errors[`members.${i}.health`] ?? errors[`members.${i}.health.status`]}
            >
              <SelectField
                options={optionsOf(HEALTH_STATUS_LABELS)}
                value={m.healthStatus}
                onChange={(v) => setMember(i, { healthStatus: v })}
              />
              <Input
                className="form-input"
                placeholder="病情或残疾情况说明"
                value={m.healthDetail}
                onInput={(e) => setMember(i, { healthDetail: e.detail.value })}
              />
            </FormField>
            <FormField label="劳动能力" error={errors[`members.${i}.laborCapacity`]}>
              <SelectField
                options={optionsOf(LABOR_CAPACITY_LABELS)}
                value={m.laborCapacity}
                onChange={(v) => setMember(i, { laborCapacity: v })}
              />
            </FormField>
            <FormField label="在校生状况" error={errors[`members.${i}.schoolStatus`]}>
              <SelectField
                options={optionsOf(SCHOOL_STATUS_LABELS)}
                value={m.schoolStatus}
                onChange={(v) => setMember(i, { schoolStatus: v })}
              />
            </FormField>
            <FormField label="务工信息" error={errors[`members.${i}.workInfo`]}>
              <Input
                className="form-input"
                value={m.workInfo}
                onInput={(e) => setMember(i, { workInfo: e.detail.value })}
              />
            </FormField>
            <Text
              className="link link--danger"
              onClick={() =>
                set(
                  'members',
                  values.members.filter((_, j) => j !== i),
                )
              }
            >
              删除这位成员
            </Text>
          </View>
        ))}
        <View className="actions">
          <Button size="small" fill="outline" onClick={() => set('members', [...values.members, newMember('SPOUSE')])}>
            + 添加家庭成员
          </Button>
        </View>
      </View>
      <View className="section">
        <View className="section__title">{`致贫返贫风险（${values.risks.length}/5）`}</View>
        {errors.risks ? <View className="field-error">{errors.risks}</View> : null}
        {values.risks.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
          <View key={`risk-${i}`} className="need-editor">
            <FormField label={`风险 ${i + 1}`} required error={errors[`risks.${i}.code`]}>
              <SelectField
                options={optionsOf(RISK_CODE_LABELS)}
                value={r.code}
                onChange={(v) => setRisk(i, { code: v })}
              />
            </FormField>
            <FormField label="识别时间" required error={errors[`risks.${i}.identifiedMonth`]}>
              <DateField
                fields="month"
                value={fromYearMonth(r.identifiedMonth)}
                onChange={(v) => setRisk(i, { identifiedMonth: toYearMonth(v) })}
                placeholder="选择月份"
              />
            </FormField>
            <FormField label="风险已消除">
              <Switch checked={r.isEliminated} onChange={(on) => setRisk(i, { isEliminated: on })} />
            </FormField>
            {r.isEliminated ? (
              <>
                <FormField label="消除时间" required error={errors[`risks.${i}.eliminatedMonth`]}>
                  <DateField
                    fields="month"
                    value={fromYearMonth(r.eliminatedMonth)}
                    onChange={(v) => setRisk(i, { eliminatedMonth: toYearMonth(v) })}
                    placeholder="选择月份"
                  />
                </FormField>
                <FormField label="消除方式" required error={errors[`risks.${i}.eliminationMethod`]}>
                  <SelectField
                    options={optionsOf(RISK_ELIMINATION_METHOD_LABELS)}
                    value={r.eliminationMethod}
                    onChange={(v) => setRisk(i, { eliminationMethod: v })}
                  />
                </FormField>
              </>
            ) : null}
            <Text
              className="link link--danger"
              onClick={() =>
                set(
                  'risks',
                  values.risks.filter((_, j) => j !== i),
                )
              }
            >
              删除这项风险
            </Text>
          </View>
        ))}
        {values.risks.length < 5 ? (
          <View className="actions">
            <Button
              size="small"
              fill="outline"
              onClick={() =>
                set('risks', [
                  ...values.risks,
                  {
                    code: null,
                    identifiedMonth: '',
                    isEliminated: false,
                    eliminatedMonth: '',
                    eliminationMethod: null,
                  },
                ])
              }
            >
              + 添加风险
            </Button>
          </View>
        ) : null}
      </View>
      <View className="form-actions">
        <Button type="primary" block loading={create.isPending || update.isPending} onClick={submit}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
