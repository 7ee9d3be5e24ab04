// 任务运行: an administrator reads each scheduled job's last run, next run and failures with their
// error, and the last day's WeChat messages by outcome.
import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { TJobsOverview } from '../../common/contracts/job/job-status'
import JobsPage from '../../src/package-admin/jobs/index'
import { ADMIN, renderAs } from './admin-fixtures'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const overview: TJobsOverview = {
  at: new Date('2026-12-06T09:00:00Z'),
  notices: { sent: 12, refused: 3, failed: 1, uncertain: 0, pending: 2 },
  jobs: [
    {
      queue: 'reminder-scan',
      cron: '0 8-20 * * *',
      nextRunAt: new Date('2026-12-06T10:00:00Z'),
      lastRun: {
        id: 'a',
        state: 'completed',
        startedAt: new Date('2026-12-06T09:00:00Z'),
        completedAt: new Date('2026-12-06T09:00:01Z'),
        error: null,
      },
      lastFailure: null,
      waiting: 0,
      running: 0,
      completedLastWeek: 40,
      failedLastWeek: 0,
    },
    {
      queue: 'stats-check',
      cron: '0 4 * * 0',
      nextRunAt: new Date('2026-12-12T20:00:00Z'),
      lastRun: {
        id: 'b',
        state: 'failed',
        startedAt: new Date('2026-12-05T20:00:00Z'),
        completedAt: new Date('2026-12-05T20:00:03Z'),
        error: 'rollups differ from a recount in 2 rows',
      },
      lastFailure: {
        id: 'b',
        state: 'failed',
        startedAt: new Date('2026-12-05T20:00:00Z'),
        completedAt: new Date('2026-12-05T20:00:03Z'),
        error: 'rollups differ from a recount in 2 rows',
      },
      waiting: 0,
      running: 0,
      completedLastWeek: 0,
      failedLastWeek: 1,
    },
  ],
}

describe('任务运行', () => {
  it('shows each job’s runs and failures, and the messages of the last day', async () => {
    renderAs(ADMIN, <JobsPage />, (call) => (call.path === 'job.status' ? { data: overview } : undefined))
    expect(await screen.findByText('待办提醒')).toBeTruthy()
    expect(screen.getByText('统计汇总核对')).toBeTruthy()
    expect(screen.getByText('2026-12-06 18:00')).toBeTruthy()
    expect(screen.getByText('成功 40 次 · 失败 0 次')).toBeTruthy()
    expect(screen.getByText('失败')).toBeTruthy()
    expect(screen.getByText('rollups differ from a recount in 2 rows')).toBeTruthy()
    expect(screen.getByText('12 条')).toBeTruthy()
    expect(screen.getByText(/未发送（无授权或被拒）3 条/)).toBeTruthy()
  })
})
