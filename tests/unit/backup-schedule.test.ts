// The backup settings as an operator writes them (BACKUP_*), when the schedule fires in Beijing
// time, and which backups the retention keeps.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/env'
import { cronOf, nextRunOf } from '../../server/jobs/schedule'
import { defaultBackupFile } from '../../server/services/backup/create-backup'
import { backupsToKeep } from '../../server/services/backup/prune-backups'

describe('BACKUP_* settings', () => {
  it('defaults to 02:30 Beijing time daily, under DATA_DIR, keys in a folder of their own, 7 days and 12 months', () => {
    const env = parseEnv({ DATA_DIR: '/srv/pdrl' })
    expect(env.backupCron).toBe('30 2 * * *')
    expect(env.backupDir).toBe('/srv/pdrl/backups')
    expect(env.backupKeyDir).toBe('/srv/pdrl/backup-keys')
    expect(env.BACKUP_KEEP_DAILY).toBe(7)
    expect(env.BACKUP_KEEP_MONTHLY).toBe(12)
  })

  it('takes a daily time, a 5-field cron expression, or off; folders resolved', () => {
    expect(parseEnv({ BACKUP_SCHEDULE: '23:05' }).backupCron).toBe('5 23 * * *')
    expect(parseEnv({ BACKUP_SCHEDULE: '7:00' }).backupCron).toBe('0 7 * * *')
    expect(parseEnv({ BACKUP_SCHEDULE: '*/15 * * * 1-5' }).backupCron).toBe('*/15 * * * 1-5')
    expect(parseEnv({ BACKUP_SCHEDULE: 'off' }).backupCron).toBeNull()
    expect(parseEnv({ BACKUP_SCHEDULE: 'OFF' }).backupCron).toBeNull()
    const env = parseEnv({ BACKUP_DIR: 'relative/backups', BACKUP_KEY_DIR: '/mnt/keys' })
    expect(env.backupDir).toBe(path.resolve('relative/backups'))
    expect(env.backupKeyDir).toBe('/mnt/keys')
  })

  it('refuses a schedule it cannot read, and keep counts out of range, naming the variable', () => {
    for (const bad of ['24:00', '2:3', 'nightly', '0 30 2 * * *', '61 * * * *', '* * *']) {
      expect(() => parseEnv({ BACKUP_SCHEDULE: bad }), bad).toThrow(/BACKUP_SCHEDULE: /)
    }
    expect(() => parseEnv({ BACKUP_KEEP_DAILY: '0' })).toThrow(/BACKUP_KEEP_DAILY/)
    expect(() => parseEnv({ BACKUP_KEEP_MONTHLY: '-1' })).toThrow(/BACKUP_KEEP_MONTHLY/)
    expect(parseEnv({ BACKUP_KEEP_MONTHLY: '0' }).BACKUP_KEEP_MONTHLY).toBe(0)
  })
})

describe('the schedule, in Beijing time', () => {
  it('fires at 02:30 in Beijing, 18:30 UTC the day before, whatever the server’s time zone', () => {
    // 2025-01-23 12:00 in Beijing.
    const noon = new Date('2025-01-23T04:00:00Z')
    expect(nextRunOf(cronOf('02:30'), noon).toISOString()).toBe('2025-01-23T18:30:00.000Z')
    // Just before 02:30 Beijing on the 24th: that same night.
    expect(nextRunOf('30 2 * * *', new Date('2025-01-23T18:29:59Z')).toISOString()).toBe('2025-01-23T18:30:00.000Z')
    // Every minute.
    expect(nextRunOf('* * * * *', new Date('2025-01-23T04:00:30Z')).toISOString()).toBe('2025-01-23T04:01:00.000Z')
  })

  it('names backup files in Beijing time', () => {
    expect(defaultBackupFile('/b', new Date('2025-01-23T18:30:05Z'))).toBe('/b/pdrl-20250124-023005.backup.gz')
  })
})

describe('retention', () => {
  const name = (day: string, time = '023000') => `pdrl-${day}-${time}.backup.gz`

  it('keeps the newest of each of the last 7 days that have a backup, and of each of the last 12 months', () => {
    // Every day of 2025 at 02:30, and a second one on the last day.
    const names: string[] = []
    for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
      names.push(name(new Date(t).toISOString().slice(0, 10).replaceAll('-', '')))
    }
    names.push(name('20251231', '120000'))
    const kept = [...backupsToKeep(names, { daily: 7, monthly: 12 })].sort()
    const days = ['20251225', '20251226', '20251227', '20251228', '20251229', '20251230'].map((d) => name(d))
    const monthEnds = ['0131', '0228', '0331', '0430', '0531', '0630', '0731', '0831', '0930', '1031', '1130']
    expect(kept).toEqual([...monthEnds.map((d) => name(`2025${d}`)), ...days, name('20251231', '120000')].sort())
    // The earlier backup of the last day is not the day's newest.
    expect(kept).not.toContain(name('20251231'))
  })

  it('counts days that have a backup, not calendar days, and leaves other files alone', () => {
    const names = [name('20250101'), name('20250301'), name('20250302'), 'notes.txt', 'pdrl-20250303.backup.gz']
    expect([...backupsToKeep(names, { daily: 2, monthly: 0 })].sort()).toEqual([name('20250301'), name('20250302')])
    expect([...backupsToKeep(names, { daily: 1, monthly: 2 })].sort()).toEqual([name('20250101'), name('20250302')])
  })
})
