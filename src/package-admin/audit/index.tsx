// 审计日志, for administrators: who did what to which record, and when, newest first; filtered by
// record type, period and person (tap a name: only that person's entries). At the top, the last
// check of the log's hash chain, and 立即校验. The log holds no personal data, and the page shows
// which fields an entry changed, never their values.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AUDIT_ENTITY_LABELS, auditActionLabel } from '../../../common/contracts/audit/audit-labels'
import { ZListAuditRequestSchema } from '../../../common/contracts/audit/list-audit'
import { formatShanghaiDateTime } from '../../../common/dates'
import { DateField } from '../../components/DateField'
import { FilterBar, FilterChip, SelectChip } from '../../components/FilterChips'
import { PagedList } from '../../components/PagedList'
import { PageShell } from '../../components/PageShell'
import { userMessage } from '../../lib/errors'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { usePagedList } from '../../lib/use-paged-list'
import { validate } from '../../lib/validate'

const PROBLEM_LABELS = {
  gap: '条目编号不连续（有条目缺失）',
  prevHash: '前后条目的链接不一致',
  hash: '条目内容与其哈希不符（被改动）',
  headMissing: '上次记录的最新条目已不在',
} as const

const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))

/** The latest check of the chain, and 立即校验 (which is itself logged). */
const ChainStatus = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const latest = useQuery(trpc.audit.verification.queryOptions())
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(trpc.audit.verification.queryKey(), result)
        void queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() })
        toast(result?.isIntact ? '校验完成：日志完整' : '校验完成：发现问题')
      },
      onError: (error) => toast(userMessage(error)),
    }),
  )
  const check = latest.data
  const status = check ? (
    check.isIntact ? (
      <Tag type="success">完整</Tag>
    ) : (
      <Tag type="danger">发现问题</Tag>
    )
  ) : (
    <Tag type="default">尚未校验</Tag>
  )
  return (
    <View className="section" data-testid="chain-status">
      <View className="section__title">日志完整性</View>
      <Cell
        title={
          check
            ? `最近校验：${formatShanghaiDateTime(check.verifiedAt)}`
            : latest.isLoading
              ? '正在加载…'
              : '还没有校验记录'
        }
        description={
          check
            ? check.isIntact
              ? `已核对 ${check.entriesChecked} 条，哈希链完整`
              : `第 ${check.brokenAtSeq ?? '?'} 条起：${check.problem ? PROBLEM_LABELS[check.problem] : '链条不完整'}，请立即报告并保留现场`
            : '校验会逐条核对日志的哈希链，确认没有条目被改动或删除'
        }
        extra={status}
      />
      <View className="actions section__body">
        <Button size="small" type="primary" loading={verify.isPending} onClick={() => verify.mutate()}>
          立即校验
        </Button>
      </View>
    </View>
  )
}

type Filters = { entityType?: string; from?: string; to?: string; actor?: { id: string; name: string } }

const AuditLog = () => {
  const trpc = useTRPC()
  const [filters, setFilters] = useState<Filters>({})
  const query = { entityType: filters.entityType, from: filters.from, to: filters.to, actorId: filters.actor?.id }
  const checked = validate(ZListAuditRequestSchema, query)
  const list = usePagedList({
    ...trpc.audit.list.infiniteQueryOptions({ ...query, limit: 30 }, { getNextPageParam: (page) => page.nextCursor }),
    enabled: checked.ok,
  })
  const isFiltered = Boolean(filters.entityType || filters.from || filters.to || filters.actor)
  return (
    <View>
      <ChainStatus />
      <FilterBar>
        <SelectChip
          allLabel="全部记录类型"
          options={ENTITY_OPTIONS}
          value={filters.entityType}
          onChange={(entityType) => setFilters({ ...filters, entityType })}
          testId="filter-entity"
        />
        <FilterChip isOn={Boolean(filters.from)}>
          <View className="row">
            <Text>从</Text>
            <DateField
              value={filters.from}
              placeholder="开始日期"
              onChange={(from) => setFilters({ ...filters, from })}
              testId="filter-from"
            />
          </View>
        </FilterChip>
        <FilterChip isOn={Boolean(filters.to)}>
          <View className="row">
            <Text>至</Text>
            <DateField
              value={filters.to}
              placeholder="结束日期"
              onChange={(to) => setFilters({ ...filters, to })}
              testId="filter-to"
            />
          </View>
        </FilterChip>
        {filters.actor ? (
          <FilterChip isOn onClick={() => setFilters({ ...filters, actor: undefined })}>
            {`操作人：${filters.actor.name} ✕`}
          </FilterChip>
        ) : null}
        {isFiltered ? <FilterChip onClick={() => setFilters({})}>清除筛选</FilterChip> : null}
      </FilterBar>
      {checked.ok ? null : <View className="field-error">{Object.values(checked.errors)[0]}</View>}
      <PagedList list={list} emptyText={isFiltered ? '没有符合条件的记录' : '还没有审计记录'}>
        {list.items.map((entry) => {
          const actorName = entry.actor?.displayName ?? (entry.actor ? '（已删除的账号）' : '系统')
          return (
            <Cell
              key={entry.id}
              title={auditActionLabel(entry.action)}
              description={
                <View>
                  <View>
                    {entry.actor ? (
                      <Text
                        className="link"
                        onClick={() => {
                          if (entry.actor) setFilters({ ...filters, actor: { id: entry.actor.id, name: actorName } })
                        }}
                      >
                        {actorName}
                      </Text>
                    ) : (
                      <Text>{actorName}</Text>
                    )}
                    <Text>{` · ${formatShanghaiDateTime(entry.createdAt)}`}</Text>
                    {entry.chainSeq ? <Text>{` · 第 ${entry.chainSeq} 条`}</Text> : null}
                  </View>
                  <View>
                    {`${AUDIT_ENTITY_LABELS[entry.entityType] ?? entry.entityType} ${entry.entityId.slice(0, 8)}`}
                    {entry.changedFields.length ? ` · 涉及：${entry.changedFields.join('、')}` : ''}
                  </View>
                </View>
              }
            />
          )
        })}
      </PagedList>
    </View>
  )
}

export default function AuditLogPage() {
  return (
    <PageShell>
      <AuditLog />
    </PageShell>
  )
}
