// Backups the server takes by itself, through its job queue (pg-boss on the test database): an
// administrator's backup.run takes one as the schedule does and says how it ended; backup.status
// shows the last good one, the last failure and the next run, and when a backup is overdue; every
// run is recorded (and never inside its own backup); old backups are pruned only after a good one.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Caller } from '../../server/caller'
import { parseEnv } from '../../server/env'
import { backupJob } from '../../server/jobs/backup-job'
import { type JobRunner, startJobRunner } from '../../server/jobs/job-runner'
import { loadActor } from '../../server/services/auth/actor'
import { backupStatus, OVERDUE_AFTER_MS } from '../../server/services/backup/backup-status'
import { runBackupNow } from '../../server/services/backup/run-backup-now'
import { createWorld, type World } from '../helpers/world'

const fieldKey = randomBytes(32)
let world: World
let root: string
let runner: JobRunner | undefined

/** The server's job queue with the backup job, as server/start.ts starts it, on `BACKUP_*` settings. */
const startJobs = async (settings: Record<string, string>) => {
  await runner?.stop()
  const env = parseEnv({ DATA_DIR: path.join(root, 'data'), ...settings })
  const log = pino({ level: 'silent' })
  runner = await startJobRunner({
    url: world.deps.url,
    log,
    pollingIntervalSeconds: 0.5,
    jobs: [backupJob({ env, url: world.deps.url, kind: 'embedded', db: world.deps.prisma, log })],
  })
  world.deps.jobs = runner
  return env
}

/** A caller made now, so that its context has the job queue. */
const admin = (): Promise<Caller> => world.as(world.ref.users.admin.id)

/** The rows a backup file says it holds for one table (its E line). */
const rowsInBackup = (file: string, table: string): number => {
  const line = gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .find((l) => l.startsWith('E ') && JSON.parse(l.slice(2)).table === table)
  return line ? (JSON.parse(line.slice(2)) as { rows: number }).rows : -1
}

beforeAll(async () => {
  world = await createWorld({ fieldKey })
  root = await mkdtemp(path.join(tmpdir(), 'pdrl-backup-jobs-'))
  // The embedded default's key file, which each backup copies into BACKUP_KEY_DIR.
  await mkdir(path.join(root, 'data'), { recursive: true })
  await writeFile(path.join(root, 'data', 'field-encryption.key'), `${fieldKey.toString('base64')}\n`, { mode: 0o600 })
})

afterAll(async () => {
  await runner?.stop()
  await rm(root, { recursive: true, force: true })
})

describe('backup.run and backup.status', () => {
  it('without a job queue in the process: backup.run says so, in Chinese, and status still answers', async () => {
    world.deps.jobs = undefined
    const caller = await admin()
    await expect(caller.backup.run()).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('npm run backup'),
    })
    const status = await caller.backup.status()
    expect(status).toEqual({ lastSuccess: null, lastFailure: null, running: null, nextRunAt: null, isOverdue: false })
  })

  it('takes a backup through the queue, writes its key apart, records it outside its own file, and shows it', async () => {
    const env = await startJobs({
      BACKUP_DIR: path.join(root, 'backups'),
      BACKUP_KEY_DIR: path.join(root, 'keys'),
      BACKUP_SCHEDULE: '02:30',
    })
    const before = new Date()
    const result = await (await admin()).backup.run()
    expect(result.state).toBe('FINISHED')
    const run = result.run
    if (!run) throw new Error('backup.run finished without a run')
    expect(run).toMatchObject({ trigger: 'MANUAL', status: 'SUCCEEDED', error: null })
    expect(run.fileName).toMatch(/^pdrl-\d{8}-\d{6}\.backup\.gz$/)
    expect(run.startedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000)
    expect(run.rowCount).toBeGreaterThan(20)

    const file = path.join(env.backupDir, run.fileName as string)
    expect(run.bytes).toBe(readFileSync(file).length)
    const keyFile = path.join(env.backupKeyDir, (run.fileName as string).replace('.backup.gz', '.field-encryption.key'))
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(fieldKey.toString('base64'))
    expect(await readdir(env.backupDir)).toEqual([run.fileName])

    const stored = await world.deps.prisma.backupRun.findUniqueOrThrow({ where: { id: run.id } })
    expect(stored.requestedById).toBe(world.ref.users.admin.id)
    expect(stored.jobId).toMatch(/^[0-9a-f-]{36}$/)
    // Its own run is not in the backup: the backup holds the ledger before the run was written.
    expect(rowsInBackup(file, 'BackupRun')).toBe(0)

    const status = await (await admin()).backup.status()
    expect(status.lastSuccess).toEqual(run)
    expect(status.lastFailure).toBeNull()
    expect(status.running).toBeNull()
    expect(status.isOverdue).toBe(false)
    // The next 02:30 in Beijing (18:30 UTC).
    const next = status.nextRunAt as Date
    expect(next.toISOString()).toMatch(/T18:30:00\.000Z$/)
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000)
    expect(next.getTime()).toBeGreaterThan(Date.now())

    // A second backup holds the first one's run.
    const second = await (await admin()).backup.run()
    expect(second.run?.status).toBe('SUCCEEDED')
    expect(rowsInBackup(path.join(env.backupDir, second.run?.fileName as string), 'BackupRun')).toBe(1)
  })

  it('records a failure, keeps every old backup, and prunes only after the next good one', async () => {
    const backupDir = path.join(root, 'pruned')
    const keyDir = path.join(root, 'pruned-keys')
    await mkdir(backupDir, { recursive: true })
    await mkdir(keyDir, { recursive: true })
    // Ten days of backups last year, with their keys, and a file that is not a backup.
    const old = Array.from({ length: 10 }, (_, i) => `pdrl-202501${String(10 + i)}-023000`)
    for (const stem of old) {
      await writeFile(path.join(backupDir, `${stem}.backup.gz`), 'old')
      await writeFile(path.join(keyDir, `${stem}.field-encryption.key`), 'old')
    }
    await writeFile(path.join(backupDir, 'README.txt'), 'not a backup')
    const listing = async () => ({ backups: (await readdir(backupDir)).sort(), keys: (await readdir(keyDir)).sort() })
    const before = await listing()

    // The key folder cannot be made (a file is in the way): the backup fails after its snapshot.
    await writeFile(path.join(root, 'in-the-way'), '')
    await startJobs({
      BACKUP_DIR: backupDir,
      BACKUP_KEY_DIR: path.join(root, 'in-the-way', 'keys'),
      BACKUP_KEEP_DAILY: '3',
      BACKUP_KEEP_MONTHLY: '1',
      BACKUP_SCHEDULE: 'off',
    })
    const failed = await (await admin()).backup.run()
    expect(failed.state).toBe('FINISHED')
    expect(failed.run).toMatchObject({ status: 'FAILED', trigger: 'MANUAL', fileName: null })
    expect(failed.run?.error).toMatch(/ENOTDIR|not a directory/)
    const afterFailure = await listing()
    expect(afterFailure.keys).toEqual(before.keys)
    // Nothing old went; the failed backup's own file stays for the operator to judge.
    expect(afterFailure.backups.filter((n) => before.backups.includes(n))).toEqual(before.backups)

    const statusAfterFailure = await (await admin()).backup.status()
    expect(statusAfterFailure.lastFailure).toEqual(failed.run)
    expect(statusAfterFailure.nextRunAt, 'BACKUP_SCHEDULE=off').toBeNull()

    await startJobs({
      BACKUP_DIR: backupDir,
      BACKUP_KEY_DIR: keyDir,
      BACKUP_KEEP_DAILY: '3',
      BACKUP_KEEP_MONTHLY: '1',
      BACKUP_SCHEDULE: 'off',
    })
    const good = await (await admin()).backup.run()
    expect(good.run?.status).toBe('SUCCEEDED')
    const newest = good.run?.fileName as string
    // 3 days that have a backup: today's newest (the failed one's file is today's too, and older),
    // 2025-01-19 and 2025-01-18; 1 month: this one. The answer comes once the run is recorded as
    // ended, and the pruning follows that record (take-backup.ts): it is waited for.
    await vi.waitFor(
      async () => {
        const after = await listing()
        expect(after.backups).toEqual(
          ['README.txt', 'pdrl-20250118-023000.backup.gz', 'pdrl-20250119-023000.backup.gz', newest].sort(),
        )
        expect(after.keys).toEqual(
          [
            'pdrl-20250118-023000.field-encryption.key',
            'pdrl-20250119-023000.field-encryption.key',
            newest.replace('.backup.gz', '.field-encryption.key'),
          ].sort(),
        )
      },
      { timeout: 10_000, interval: 100 },
    )
    const status = await (await admin()).backup.status()
    expect(status.lastSuccess?.id).toBe(good.run?.id)
    expect(status.lastFailure?.id).toBe(failed.run?.id)
  })

  it('answers PENDING after its bounded wait, and the backup still ends', async () => {
    const env = await startJobs({ BACKUP_DIR: path.join(root, 'pending'), BACKUP_KEY_DIR: path.join(root, 'keys') })
    const actor = await loadActor(world.deps.prisma, world.ref.users.admin.id)
    const previous = (await (await admin()).backup.status()).lastSuccess
    const answer = await runBackupNow({
      ctx: { db: world.deps.prisma, crypto: world.deps.crypto, requestId: 'pending', log: world.deps.log, actor },
      jobs: runner,
      waitMs: 0,
    })
    expect(answer).toEqual({ state: 'PENDING', run: null })
    const asked = Date.now()
    // The job goes on without the caller; status shows it once it has ended.
    let status = await (await admin()).backup.status()
    while (!status.lastSuccess || status.lastSuccess.id === previous?.id) {
      if (Date.now() - asked > 30_000) throw new Error(`the backup did not end: ${JSON.stringify(status)}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
      status = await (await admin()).backup.status()
    }
    expect(status.lastSuccess).toMatchObject({ trigger: 'MANUAL', status: 'SUCCEEDED' })
    expect(await readdir(env.backupDir)).toEqual([status.lastSuccess.fileName])
  })
})

describe('overdue', () => {
  it('when the last good backup is over two days old, or there is none on a ledger older than that', async () => {
    const db = world.deps.prisma
    const now = new Date()
    const lastGood = await db.backupRun.findFirstOrThrow({
      where: { status: 'SUCCEEDED' },
      orderBy: { startedAt: 'desc' },
    })
    expect((await backupStatus({ ctx: { db }, jobs: undefined, now })).isOverdue).toBe(false)
    // The same ledger, seen two days and a minute later.
    const later = new Date(lastGood.startedAt.getTime() + OVERDUE_AFTER_MS + 60_000)
    expect((await backupStatus({ ctx: { db }, jobs: undefined, now: later })).isOverdue).toBe(true)
    // A failure does not count as a backup.
    await db.backupRun.create({
      data: { trigger: 'SCHEDULE', status: 'FAILED', startedAt: later, finishedAt: later, error: 'disk full' },
    })
    const failedLater = await backupStatus({ ctx: { db }, jobs: undefined, now: new Date(later.getTime() + 1_000) })
    expect(failedLater).toMatchObject({ isOverdue: true, lastFailure: { error: 'disk full' } })

    // No backup at all: overdue once the ledger's first account is two days old.
    await db.backupRun.deleteMany({})
    const firstUser = await db.user.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })
    const young = new Date(firstUser.createdAt.getTime() + OVERDUE_AFTER_MS - 60_000)
    expect((await backupStatus({ ctx: { db }, jobs: undefined, now: young })).isOverdue).toBe(false)
    const old = new Date(firstUser.createdAt.getTime() + OVERDUE_AFTER_MS + 60_000)
    expect((await backupStatus({ ctx: { db }, jobs: undefined, now: old })).isOverdue).toBe(true)
  })
})
