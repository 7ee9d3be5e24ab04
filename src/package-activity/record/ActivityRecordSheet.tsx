// The 主题党日活动记录 as the paper sheet lays it out: a bordered two-column table of the fields,
// then 参加人员 / 缺席人员及原因, 走访情况, 捐赠情况 with its 合计, 活动小结, and 记录人 / 日期.
// Everything comes from activity.record in one call; money is fen, formatted here only.
import { Button } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { formatChineseDate } from '../../../common/dates'
import { ACTIVITY_KIND_LABELS, DONATION_KIND_LABELS, NEED_CATEGORY_LABELS } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { QueryState } from '../../components/QueryState'
import type { RouterOutputs } from '../../lib/api-types'
import { canPrint, printPage } from '../../lib/print-page'
import { useTRPC } from '../../lib/trpc'
import './index.scss'

type ActivityRecord = RouterOutputs['activity']['record']
type Visit = ActivityRecord['visits'][number]
type Donation = ActivityRecord['donations'][number]
type GoodsLine = Donation['goods'][number]

const goodsText = (goods: GoodsLine[]) => goods.map((g) => `${g.item} ${g.quantity}${g.unit}`).join('、')

const placeOf = (r: ActivityRecord) =>
  [r.village ? `${r.village.county}${r.village.township}${r.village.name}` : '', r.place ?? '']
    .filter(Boolean)
    .join(' · ') || '—'

const visitTarget = (v: Visit) => {
  if (v.target === 'CADRE') return `驻村干部 ${v.cadre?.displayName ?? ''}`.trim()
  if (v.household) return `困难群众户 ${v.household.headName}（${v.household.code}）`
  return v.isHouseholdHidden ? '困难群众户（不在您的查看范围）' : '困难群众户'
}

const visitFindings = (v: Visit) => {
  if (v.isHouseholdHidden) return '—'
  const parts = [
    v.livingConditions ? `家庭生活情况：${v.livingConditions}` : '',
    v.difficulties ? `实际困难：${v.difficulties}` : '',
  ].filter(Boolean)
  return parts.length ? parts.join('；') : '—'
}

const visitHandedOver = (v: Visit) =>
  [goodsText(v.goods), v.cashFen ? `慰问金 ${formatFen(v.cashFen)}` : ''].filter(Boolean).join('；') || '—'

const visitNeeds = (v: Visit) => {
  if (v.needs.length) return v.needs.map((n) => `${NEED_CATEGORY_LABELS[n.category]}：${n.description}`).join('；')
  return v.needCount ? `${v.needCount} 条` : '无'
}

const donationDetail = (d: Donation) => {
  if (d.kind === 'CASH') return '慰问金'
  return d.goods.length
    ? d.goods.map((g) => `${g.item} ${g.quantity}${g.unit}（${formatFen(g.valueFen)}）`).join('、')
    : '慰问物资'
}

/** One row of the bordered field table: the label cell, then the value cell. */
const Field = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <View className="record-table__row">
    <View className="record-table__label">{label}</View>
    <View className="record-table__value" data-testid={testId}>
      {children}
    </View>
  </View>
)

/** A table with a header row; `widths` are the columns' flex weights. */
const Grid = ({ head, widths, children }: { head: string[]; widths: number[]; children: ReactNode }) => (
  <View className="record-table record-grid">
    <View className="record-table__row record-grid__head">
      {head.map((h, i) => (
        <View key={h} className="record-grid__cell" style={{ flex: widths[i] ?? 1 }}>
          {h}
        </View>
      ))}
    </View>
    {children}
  </View>
)

const GridRow = ({ cells, widths, className }: { cells: ReactNode[]; widths: number[]; className?: string }) => (
  <View className={`record-table__row ${className ?? ''}`.trim()}>
    {cells.map((cell, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: the cells are the row's fixed columns
      <View key={i} className="record-grid__cell" style={{ flex: widths[i] ?? 1 }}>
        {cell}
      </View>
    ))}
  </View>
)

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <View className="record-section">
    <View className="record-section__title">{title}</View>
    {children}
  </View>
)

const ABSENCE_WIDTHS = [1, 3]
const VISIT_WIDTHS = [2, 4, 3, 2]
const DONATION_WIDTHS = [3, 1, 4, 3]

export const ActivityRecordSheet = ({ record }: { record: ActivityRecord }) => {
  const { attendance, totals } = record
  return (
    <View className="record-sheet">
      <View className="record-sheet__title">主题党日活动记录</View>
      <View className="record-sheet__subtitle">{record.organiserOrg.name}</View>

      <View className="record-table">
        <Field label="活动主题">{record.theme}</Field>
        <Field label="活动类型">{ACTIVITY_KIND_LABELS[record.kind]}</Field>
        <Field label="活动时间">{formatChineseDate(record.heldOn)}</Field>
        <Field label="活动地点">{placeOf(record)}</Field>
        <Field label="组织单位">{record.organiserOrg.name}</Field>
        <Field label="参加单位">{`${record.orgs.map((o) => o.name).join('、')}（共 ${record.orgs.length} 个）`}</Field>
        <Field label="出席情况" testId="record-attendance">
          {`应到 ${attendance.expectedCount} 人，实到 ${attendance.presentCount} 人，缺席 ${attendance.absentCount} 人`}
        </Field>
      </View>

      <Section title="参加人员">
        <View className="record-table">
          <Field label="应到 / 实到">{`${attendance.expectedCount} 人 / ${attendance.presentCount} 人`}</Field>
          <Field label="参加单位">{record.orgs.map((o) => o.name).join('、')}</Field>
        </View>
      </Section>

      <Section title="缺席人员及原因">
        {attendance.absences.length ? (
          <Grid head={['姓名', '缺席原因']} widths={ABSENCE_WIDTHS}>
            {attendance.absences.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: absentees have no id, and two may share a name
              <GridRow key={`${a.name}-${i}`} cells={[a.name, a.reason]} widths={ABSENCE_WIDTHS} />
            ))}
          </Grid>
        ) : (
          <View className="record-table record-empty">无</View>
        )}
      </Section>

      <Section title="走访情况">
        {record.visits.length ? (
          <Grid head={['走访对象', '了解情况', '送达物资及慰问金', '提出诉求']} widths={VISIT_WIDTHS}>
            {record.visits.map((v) => (
              <GridRow
                key={v.id}
                cells={[visitTarget(v), visitFindings(v), visitHandedOver(v), visitNeeds(v)]}
                widths={VISIT_WIDTHS}
              />
            ))}
            <GridRow
              className="record-grid__total"
              cells={[
                '小计',
                `走访 ${totals.visitCount} 次，入户 ${totals.householdsVisited} 户`,
                `慰问金 ${formatFen(totals.handedOverCashFen)}；物资折价 ${formatFen(totals.handedOverGoodsValueFen)}`,
                `${totals.needsRaised} 条`,
              ]}
              widths={VISIT_WIDTHS}
            />
          </Grid>
        ) : (
          <View className="record-table record-empty">无</View>
        )}
      </Section>

      <Section title="捐赠情况">
        <Grid head={['捐赠方', '类型', '明细', '金额']} widths={DONATION_WIDTHS}>
          {record.donations.map((d) => (
            <GridRow
              key={d.id}
              cells={[
                d.donorName,
                DONATION_KIND_LABELS[d.kind],
                donationDetail(d),
                <Text key="amount" className="record-grid__money money">
                  {formatFen(d.amountFen)}
                </Text>,
              ]}
              widths={DONATION_WIDTHS}
            />
          ))}
          <View className="record-table__row record-grid__total" data-testid="record-total">
            <View className="record-grid__cell" style={{ flex: DONATION_WIDTHS[0] }}>
              合计
            </View>
            <View className="record-grid__cell" style={{ flex: DONATION_WIDTHS[1] }}>
              {`${totals.donationCount} 笔`}
            </View>
            <View className="record-grid__cell" style={{ flex: DONATION_WIDTHS[2] }}>
              {`慰问金 ${formatFen(totals.cashFen)}；物资折价 ${formatFen(totals.goodsValueFen)}`}
            </View>
            <View className="record-grid__cell record-grid__money money" style={{ flex: DONATION_WIDTHS[3] }}>
              {formatFen(totals.totalFen)}
            </View>
          </View>
        </Grid>
      </Section>

      <Section title="活动小结">
        <View className="record-table record-summary">
          <Text>{record.summary || '（未填写）'}</Text>
        </View>
      </Section>

      <View className="record-sheet__foot">
        <Text>{`记录人：${record.recordedBy ?? '________'}`}</Text>
        <Text>{`日期：${formatChineseDate(record.recordedOn)}`}</Text>
      </View>
    </View>
  )
}

/** The sheet for an activity id, with its loading and error states and the 打印 / 转发 actions. */
export const ActivityRecordView = ({ id }: { id: string }) => {
  const trpc = useTRPC()
  const query = useQuery(trpc.activity.record.queryOptions({ id }))
  return (
    <QueryState query={query}>
      {(record) => (
        <View>
          <ActivityRecordSheet record={record} />
          <View className="actions record-actions">
            {canPrint ? (
              <Button type="primary" size="small" onClick={printPage}>
                打印
              </Button>
            ) : (
              <>
                <Button type="primary" size="small" openType="share">
                  转发
                </Button>
                <Text className="muted">也可截屏保存本页</Text>
              </>
            )}
          </View>
        </View>
      )}
    </QueryState>
  )
}
