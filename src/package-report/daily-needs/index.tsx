// 有诉必应日报: one day's needs as the city's 12345 daily report has them (report.dailyNeeds):
// the lead paragraph, the figures, the hot topics, and the same report as an Excel file
// (GET /exports/daily-needs-report.xlsx, docs/exports.md). Staff only, each in their own scope.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { shanghaiDate } from '../../../common/dates'
import { DateField } from '../../components/DateField'
import { FilterBar, FilterChip, SelectChip } from '../../components/FilterChips'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { StatTiles } from '../../components/StatTiles'
import { useTRPC } from '../../lib/trpc'
import { useExportDownload } from '../../lib/use-export-download'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'

const EXPORT_PATH = '/exports/daily-needs-report.xlsx'

const DailyNeedsReport = () => {
  const trpc = useTRPC()
  const [date, setDate] = useState(shanghaiDate())
  const [villageId, setVillageId] = useState<string>()
  const villages = useQuery(trpc.village.list.queryOptions())
  const report = useQuery(trpc.report.dailyNeeds.queryOptions({ date, ...(villageId ? { villageId } : {}) }))
  const exports = useExportDownload()
  useRefreshOnPull(report)
  return (
    <View>
      <FilterBar>
        <FilterChip isOn>
          <DateField value={date} onChange={setDate} testId="report-date" />
        </FilterChip>
        {(villages.data?.length ?? 0) > 1 ? (
          <SelectChip
            allLabel="全部村"
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            value={villageId}
            onChange={setVillageId}
            testId="report-village"
          />
        ) : null}
      </FilterBar>
      <QueryState query={report}>
        {(r) => (
          <>
            <View className="section">
              <View className="section__title">{`${r.village?.name ?? ''}有诉必应日报`}</View>
              <View className="section__body">
                <Text data-testid="report-lead">{r.lead}</Text>
              </View>
            </View>
            <StatTiles
              tiles={[
                { label: '受理', value: String(r.figures.received), testId: 'report-received' },
                { label: '直接办理', value: String(r.figures.handledDirectly) },
                { label: '转交责任单位', value: String(r.figures.transferred) },
                { label: '办结', value: String(r.figures.resolved) },
                { label: '回访', value: String(r.figures.followedUp) },
                { label: '不予受理', value: String(r.figures.rejected) },
                { label: '截至当日在办', value: String(r.totals.open) },
                { label: '其中超期', value: String(r.totals.overdue) },
              ]}
            />
            <View className="section">
              <View className="section__title">热点问题</View>
              {r.hotTopics.length ? (
                r.hotTopics.map((t) => (
                  <Cell key={t.category} title={`${t.label} ${t.count} 件`} description={t.line} />
                ))
              ) : (
                <View className="list-state muted">当日没有新受理的诉求</View>
              )}
            </View>
          </>
        )}
      </QueryState>
      <View className="actions">
        <Button
          size="small"
          loading={exports.pendingPath !== null}
          onClick={() => exports.start(EXPORT_PATH, `有诉必应日报-${date}.xlsx`, { date, villageId })}
        >
          导出 Excel
        </Button>
      </View>
    </View>
  )
}

export default function DailyNeedsReportPage() {
  return (
    <PageShell>
      <DailyNeedsReport />
    </PageShell>
  )
}
