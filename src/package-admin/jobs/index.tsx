// 任务运行, for administrators: the server's scheduled work (备份, 日报, 待办提醒, 发送微信消息,
// 清理, 统计核对), each with its schedule, last run, next run, what waits or runs now, and its
// failures in the last week with the error; and how the last day's WeChat messages fared.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { JOB_TITLES, type TJobRun, type TJobStatus } from '../../../common/contracts/job/job-status'
import { formatShanghaiDateTime } from '../../../common/dates'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { useTRPC } from '../../lib/trpc'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'

const STATE_TAGS: Record<TJobRun['state'], { text: string; type: 'success' | 'danger' | 'warning' | 'default' }> = {
  completed: { text: '成功', type: 'success' },
  failed: { text: '失败', type: 'danger' },
  active: { text: '运行中', type: 'warning' },
  created: { text: '等待', type: 'default' },
  retry: { text: '等待重试', type: 'default' },
  cancelled: { text: '已取消', type: 'default' },
}

const when = (instant: Date | null) => (instant ? formatShanghaiDateTime(instant) : '—')

const JobSection = ({ job }: { job: TJobStatus }) => {
  const last = job.lastRun
  const tag = last ? STATE_TAGS[last.state] : null
  return (
    <View className="section" data-testid={`job-${job.queue}`}>
      <View className="section__title">{JOB_TITLES[job.queue] ?? job.queue}</View>
      <Cell
        title="上次运行"
        description={last ? when(last.startedAt) : '还没有运行过'}
        extra={tag ? <Tag type={tag.type}>{tag.text}</Tag> : null}
      />
      <Cell title="下次运行" extra={job.cron ? when(job.nextRunAt) : '不按时运行'} />
      <Cell
        title="近 7 天"
        extra={`成功 ${job.completedLastWeek} 次 · 失败 ${job.failedLastWeek} 次${
          job.running ? ' · 运行中' : job.waiting ? ` · 等待 ${job.waiting}` : ''
        }`}
      />
      {job.lastFailure ? (
        <Cell
          title={`最近失败 ${when(job.lastFailure.completedAt ?? job.lastFailure.startedAt)}`}
          description={job.lastFailure.error ?? ''}
        />
      ) : null}
    </View>
  )
}

export default function JobsPage() {
  const trpc = useTRPC()
  const status = useQuery(trpc.job.status.queryOptions())
  useRefreshOnPull(status)
  return (
    <PageShell>
      <QueryState query={status}>
        {(data) => (
          <>
            <View className="section" data-testid="notice-counts">
              <View className="section__title">近 24 小时微信消息</View>
              <Cell
                title="已发送"
                extra={`${data.notices.sent} 条`}
                description={`未发送（无授权或被拒）${data.notices.refused} 条 · 出错 ${data.notices.failed + data.notices.uncertain} 条 · 待发送 ${data.notices.pending} 条`}
              />
            </View>
            {data.jobs.length ? (
              data.jobs.map((job) => <JobSection key={job.queue} job={job} />)
            ) : (
              <View className="section">
                <Cell title="任务队列尚未启动" description="服务启动后，定时任务会在这里显示" />
              </View>
            )}
          </>
        )}
      </QueryState>
    </PageShell>
  )
}
