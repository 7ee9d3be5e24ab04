// What an administrator reads about the server's scheduled work (job.status, 任务运行): each job's
// schedule, last run, next run, what waits or runs now, and its recent failures with their error;
// and how the WeChat messages of the last day fared. No request: the procedure takes no input.

/** The jobs the server runs (server/jobs/), by queue name, as administrators read them. */
export const JOB_TITLES: Record<string, string> = {
  backup: '数据备份',
  'daily-needs-report': '有诉必应日报',
  'reminder-scan': '待办提醒',
  'notice-send': '发送微信消息',
  retention: '到期数据匿名化与清理',
  'stats-check': '统计汇总核对',
}

export type TJobRunState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'

export type TJobRun = {
  id: string
  state: TJobRunState
  startedAt: Date | null
  completedAt: Date | null
  /** A failed run's error, one line (English, for the operator). */
  error: string | null
}

export type TJobStatus = {
  queue: string
  /** The schedule in force, a 5-field cron expression in Beijing time; null: runs only when sent. */
  cron: string | null
  nextRunAt: Date | null
  /** The latest run that started. */
  lastRun: TJobRun | null
  /** The latest failed run (within the history kept: seven days). */
  lastFailure: TJobRun | null
  /** Runs waiting, and running now. */
  waiting: number
  running: number
  /** Runs in the last seven days: finished well, and failed. */
  completedLastWeek: number
  failedLastWeek: number
}

/** WeChat subscribe messages queued in the last 24 hours, by how they ended (or stand). */
export type TNoticeCounts = {
  sent: number
  refused: number
  failed: number
  uncertain: number
  pending: number
}

export type TJobsOverview = { jobs: TJobStatus[]; notices: TNoticeCounts; at: Date }
