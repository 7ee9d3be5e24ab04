// A household's whole record: profile, members, risks, needs, visits and the help received.
// Numbers are masked; record keepers may reveal one, with a reason that goes to the audit log.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZRevealHouseholdFieldRequestSchema } from '../../../common/contracts/household/reveal-household-field'
import {
  HEALTH_STATUS_LABELS,
  HELP_MEASURE_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LABOR_CAPACITY_LABELS,
  RELATIONSHIP_LABELS,
  RISK_CODE_LABELS,
  RISK_ELIMINATION_METHOD_LABELS,
  SCHOOL_STATUS_LABELS,
} from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { DetailShell } from '../../components/DetailShell'
import { FormField } from '../../components/FormField'
import { NavButton } from '../../components/NavButton'
import { NeedStatusTag } from '../../components/NeedStatusTag'
import { StatTiles } from '../../components/StatTiles'
import { NO_LENGTH_LIMIT } from '../../components/TextField'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'

const RevealIdNumber = ({ householdId }: { householdId: string }) => {
  const trpc = useTRPC()
  const [isAsking, setIsAsking] = useState(false)
  const [value, setValue] = useState<string | null>(null)
  const form = useForm({ reason: '' })
  const reveal = useMutation(
    trpc.household.reveal.mutationOptions({
      onSuccess: (result) => {
        setValue(result.value ?? '未登记')
        setIsAsking(false)
      },
      onError: form.onServerError,
    }),
  )
  if (value) return <Cell title="身份证号码（已记录查看）" extra={value} />
  if (!isAsking) {
    return (
      <Text className="link" onClick={() => setIsAsking(true)}>
        查看完整身份证号
      </Text>
    )
  }
  return (
    <FormField label="查看原因（将记入审计日志）" required error={form.errors.reason}>
      <Input
        className="form-input"
        name="revealReason"
        placeholder="如：办理医保报销"
        maxlength={NO_LENGTH_LIMIT}
        value={form.values.reason}
        onInput={(e) => form.set('reason', e.detail.value)}
      />
      <Button
        size="small"
        type="primary"
        loading={reveal.isPending}
        onClick={() => {
          const checked = form.check(ZRevealHouseholdFieldRequestSchema, {
            id: householdId,
            field: 'idNumber',
            reason: form.values.reason,
          })
          if (checked) reveal.mutate(checked)
        }}
      >
        查看
      </Button>
    </FormField>
  )
}

export default function HouseholdDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const household = useQuery(trpc.household.byId.queryOptions({ id: params.id ?? '' }))
  useRefreshOnPull(household)
  return (
    <DetailShell query={household}>
      {(h) => (
        <>
          <View className="section">
            <View className="section__title">{`${h.headName}（${h.code}）`}</View>
            {h.anonymisedAt ? (
              <Cell
                title="已过保存期限"
                description="姓名、证件号码、电话和健康状况已删除，帮扶和捐赠数字保留在统计中"
              />
            ) : null}
            <Cell
              title="所在村"
              extra={`${h.village.township}${h.village.name}${h.groupName ? ` ${h.groupName}` : ''}`}
            />
            <Cell
              title="类别"
              extra={
                <Tag type="primary">{`${HOUSEHOLD_TYPE_LABELS[h.householdType]} · ${HOUSEHOLD_CATEGORY_LABELS[h.category]}`}</Tag>
              }
            />
            <Cell title="身份证号码" extra={h.idNumberMasked ?? '已按保存期限删除'} />
            {h.permissions.canReveal ? <RevealIdNumber householdId={h.id} /> : null}
            <Cell title="联系电话" extra={h.phoneMasked ?? '未登记'} />
            <Cell
              title="人均纯收入（年）"
              extra={h.incomePerCapitaFen === null ? '未登记' : formatFen(h.incomePerCapitaFen)}
            />
            <Cell title="帮扶措施" extra={h.helpMeasures.map((m) => HELP_MEASURE_LABELS[m]).join('、') || '—'} />
            <Cell title="帮扶责任人" extra={h.responsibleUser?.displayName ?? '未指定'} />
            {h.notes ? <Cell title="备注" description={h.notes} /> : null}
          </View>
          <View className="actions">
            <NavButton url={routes.visitForm({ householdId: h.id })} type="primary" size="small">
              登记走访
            </NavButton>
            <NavButton url={routes.needForm(h.id)} type="primary" fill="outline" size="small">
              登记诉求
            </NavButton>
            {h.permissions.canEdit ? (
              <NavButton url={routes.householdForm(h.id)} size="small">
                编辑
              </NavButton>
            ) : null}
          </View>
          <View className="section">
            <View className="section__title">{`家庭成员（${h.members.length}）`}</View>
            {h.members.map((m) => (
              <Cell
                key={m.id}
                title={`${m.name} · ${RELATIONSHIP_LABELS[m.relationship]}`}
                description={[
                  m.health
                    ? HEALTH_STATUS_LABELS[m.health.status] + (m.health.detail ? `（${m.health.detail}）` : '')
                    : '健康状况仅驻村干部可见',
                  LABOR_CAPACITY_LABELS[m.laborCapacity],
                  SCHOOL_STATUS_LABELS[m.schoolStatus],
                  m.workInfo ?? '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
                extra={m.idNumberMasked ?? ''}
              />
            ))}
          </View>
          <View className="section">
            <View className="section__title">致贫返贫风险</View>
            {h.risks.length ? (
              h.risks.map((r) => (
                <Cell
                  key={r.code}
                  title={RISK_CODE_LABELS[r.code]}
                  description={`识别于 ${r.identifiedMonth}${r.isEliminated ? `，${r.eliminatedMonth ?? ''} ${r.eliminationMethod ? RISK_ELIMINATION_METHOD_LABELS[r.eliminationMethod] : '已消除'}` : ''}`}
                  extra={<Tag type={r.isEliminated ? 'success' : 'danger'}>{r.isEliminated ? '已消除' : '未消除'}</Tag>}
                />
              ))
            ) : (
              <View className="list-state muted">无</View>
            )}
          </View>
          <View className="section">
            <View className="section__title">{`诉求（${h.needs.length}）`}</View>
            {h.needs.map((n) => (
              <Cell
                key={n.id}
                title={n.description}
                description={n.dueOn ? `应办结 ${n.dueOn}` : ''}
                extra={<NeedStatusTag status={n.status} isOverdue={n.isOverdue} />}
                onClick={() => void Taro.navigateTo({ url: routes.needDetail(n.id) })}
              />
            ))}
          </View>
          <StatTiles
            tiles={[
              { label: '累计受助', value: formatFen(h.helpReceived.totalFen) },
              { label: '走访次数', value: String(h.visits.length) },
              { label: '走访慰问金', value: formatFen(h.helpReceived.visitCashFen) },
              {
                label: '定向捐赠',
                value: formatFen(h.helpReceived.donationCashFen + h.helpReceived.donationGoodsValueFen),
              },
            ]}
          />
          <View className="section">
            <View className="section__title">走访记录</View>
            {h.visits.length ? (
              h.visits.map((v) => (
                <Cell
                  key={v.id}
                  title={`${v.visitedOn}${v.activity ? ` · ${v.activity.theme}` : ''}`}
                  description={[
                    v.visitors.map((p) => p.displayName).join('、'),
                    v.goods.map((g) => `${g.item}${g.quantity}${g.unit}`).join('、'),
                    v.cashFen ? `慰问金 ${formatFen(v.cashFen)}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  onClick={() => void Taro.navigateTo({ url: routes.visitDetail(v.id) })}
                />
              ))
            ) : (
              <View className="list-state muted">还没有走访记录</View>
            )}
          </View>
        </>
      )}
    </DetailShell>
  )
}
