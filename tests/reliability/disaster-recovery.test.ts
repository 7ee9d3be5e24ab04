// Disaster recovery as an operator meets it: the machine is lost, and a fresh clone and the
// backup files are all there is (docs/deployment.md, "Restore drill").
//
// The real server (a child process) runs the demo ledger and takes its backups by itself
// (BACKUP_SCHEDULE firing every minute) into folders outside DATA_DIR: the backups on one "share",
// their keys in another. Records are added through HTTP (a donation, a visit and its photo); once
// the schedule has backed them up, the server stops and its data folder is deleted. Then
// `npm run restore` into a DATA_DIR that does not exist: with no key and with a wrong key it is
// refused on one line that names the key it needs, and leaves no DATA_DIR behind; a backup cut
// short is refused after the cluster was made, and what it made is removed; with the key folder,
// it restores. The server started on the new DATA_DIR loads no demo data and serves every record,
// the photo (same bytes), every table's rows, the audit chain and head, and the same totals;
// `npm run audit:verify` agrees. The same backup restores with DATABASE_URL into an empty database.
import { existsSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { keyIdOf } from '../../server/lib/field-crypto'
import { BACKUP_FILE_NAME } from '../../server/services/backup/create-backup'
import { cashDonationInput } from '../helpers/factories'
import { reportFigures } from './figures'
import { auditChainOf, explain, npmRun, rowCounts, sha256Of, tokenOf, uploadPhoto } from './operator-commands'
import {
  type ApiClient,
  createExternalDatabase,
  embeddedDatabaseUrl,
  loginAs,
  newFieldKey,
  type ServerProcess,
  sleep,
  startServerProcess,
  stopLeftovers,
  withClient,
} from './server-process'
import { cleanupAfterAll, externalOrEmbeddedPostgres } from './suite-resources'

/** How long the test waits for the schedule's backup: the next minute, and the backup itself. */
const SCHEDULE_WAIT_MS = 150_000

const cleanups = cleanupAfterAll()

const DEMO_SEEDED = '已载入前跃村演示数据'

/** The one-line refusal on stderr, and nothing created where the new machine's data would go. */
const expectRefusedLeavingNothing = (result: Awaited<ReturnType<typeof npmRun>>, machine: string) => {
  expect(result.code, explain(result)).toBe(1)
  expect(result.stderr.trim().split('\n'), explain(result)).toHaveLength(1)
  expect(result.stderr).toMatch(/^Restore refused: /)
  expect(existsSync(machine), `${machine} must not be created`).toBe(false)
}

/** Waits for a good backup whose snapshot was taken at or after `after`, as the admin sees it. */
const scheduledBackupAfter = async (admin: ApiClient, after: Date) => {
  const deadline = Date.now() + SCHEDULE_WAIT_MS
  for (;;) {
    const status = await admin.backup.status.query()
    const last = status.lastSuccess
    if (last && last.trigger === 'SCHEDULE' && last.startedAt.getTime() >= after.getTime()) return { status, run: last }
    if (Date.now() > deadline) {
      throw new Error(`no scheduled backup in ${SCHEDULE_WAIT_MS / 1000} s: ${JSON.stringify(status)}`)
    }
    await sleep(1_000)
  }
}

describe('disaster recovery, from nothing', () => {
  it('the schedule’s backup, the data folder lost, the restore into a new DATA_DIR, every record back', async () => {
    const timings: Record<string, number> = {}
    const work = await mkdtemp(path.join(tmpdir(), 'pdrl-dr-'))
    cleanups.push(() => rm(work, { recursive: true, force: true }))
    const machine = path.join(work, 'machine-1')
    const dataDir = path.join(machine, 'data')
    const backupDir = path.join(work, 'nas', 'backups')
    const keyDir = path.join(work, 'safe', 'backup-keys')
    let server: ServerProcess | undefined
    cleanups.push(() => stopLeftovers(server, dataDir))

    // ── The first machine: the demo ledger, backing itself up every minute.
    server = await startServerProcess({
      DATA_DIR: dataDir,
      SEED_DEMO: 'partyDay',
      BACKUP_SCHEDULE: '* * * * *',
      BACKUP_DIR: backupDir,
      BACKUP_KEY_DIR: keyDir,
    })
    expect(server.output()).toContain(DEMO_SEEDED)
    const admin = await loginAs(server.url, DEMO_ACCOUNTS.admin.phone)
    const secretary = await loginAs(server.url, DEMO_ACCOUNTS.secretary.phone)
    const cadre = await loginAs(server.url, DEMO_ACCOUNTS.cadre.phone)
    const cadreToken = await tokenOf(server.url, DEMO_ACCOUNTS.cadre.phone)

    const villageId = (await cadre.village.list.query()).find((v) => v.name === '前跃村')?.id as string
    const household = (await cadre.household.list.query({ villageId, limit: 1 })).items[0]
    if (!household) throw new Error('the story has households in 前跃村')
    const donation = await secretary.donation.create.mutate(
      cashDonationInput(villageId, 1_234_500, { donorName: '灾备演练捐赠人', note: '灾备演练' }),
    )
    const visit = await cadre.visit.create.mutate({
      target: 'HOUSEHOLD',
      householdId: household.id,
      visitedOn: '2025-02-01',
      healthNotes: '灾备演练：户主血压平稳',
    })
    const photo = await uploadPhoto(server.url, cadreToken, visit.id)
    const recorded = new Date()

    let mark = performance.now()
    const { status, run } = await scheduledBackupAfter(admin, recorded)
    timings.waitForSchedule = Math.round(performance.now() - mark)
    expect(status.isOverdue).toBe(false)
    expect(status.nextRunAt?.getTime()).toBeGreaterThan(run.startedAt.getTime())

    // What the ledger held, to find again after the restore.
    const liveUrl = embeddedDatabaseUrl(dataDir)
    const expected = {
      counts: await rowCounts(liveUrl),
      chain: await auditChainOf(liveUrl),
      summary: await admin.stats.summary.query({}),
      donation: await secretary.donation.byId.query({ id: donation.id }),
      visit: await cadre.visit.byId.query({ id: visit.id }),
    }
    expect(expected.chain.firstBroken).toBeNull()
    expect(await server.stop()).toEqual({ code: 0, signal: null })
    server = undefined

    // ── The machine is lost: the backups and their keys are all that is left.
    await rm(machine, { recursive: true, force: true })
    const backups = readdirSync(backupDir)
      .filter((name) => BACKUP_FILE_NAME.test(name))
      .sort()
    const fileName = backups.at(-1) as string
    const file = path.join(backupDir, fileName)
    const keyFile = path.join(keyDir, fileName.replace('.backup.gz', '.field-encryption.key'))
    expect(
      readdirSync(backupDir).filter((name) => name.endsWith('.key')),
      'no key beside the backups',
    ).toEqual([])
    const keyText = readFileSync(keyFile, 'utf8')
    const keyId = keyIdOf(Buffer.from(keyText.trim(), 'base64'))
    // The backup the test waited for, or one the schedule took after it (its run, then, is in the file).
    expect(fileName >= (run.fileName as string)).toBe(true)

    // ── A fresh clone on a new machine.
    const newMachine = path.join(work, 'machine-2')
    const newDataDir = path.join(newMachine, 'data')
    const noKey = await npmRun('restore', [file], { DATA_DIR: newDataDir })
    expectRefusedLeavingNothing(noKey, newMachine)
    expect(noKey.stderr).toContain(`the backup needs key ${keyId}`)
    expect(noKey.stderr).toContain(`${path.join(newDataDir, 'backup-keys')} (missing)`)
    expect(noKey.stderr).toContain(`${file.replace('.backup.gz', '.field-encryption.key')} (missing)`)

    const wrongKeyFile = path.join(work, 'wrong.key')
    await writeFile(wrongKeyFile, `${newFieldKey()}\n`, { mode: 0o600 })
    const wrongId = keyIdOf(Buffer.from(readFileSync(wrongKeyFile, 'utf8').trim(), 'base64'))
    const wrongKey = await npmRun('restore', [file, '--key', wrongKeyFile], { DATA_DIR: newDataDir })
    expectRefusedLeavingNothing(wrongKey, newMachine)
    expect(wrongKey.stderr).toContain(`under key ${keyId}, but --key ${wrongKeyFile} holds key ${wrongId}`)

    // A backup cut short gets as far as the new cluster, which is then removed.
    const cut = path.join(work, 'cut', fileName)
    await mkdir(path.dirname(cut))
    await copyFile(file, cut)
    truncateSync(cut, Math.floor(statSync(cut).size * 0.9))
    const cutShort = await npmRun('restore', [cut], { DATA_DIR: newDataDir, BACKUP_KEY_DIR: keyDir })
    expect(cutShort.code, explain(cutShort)).toBe(1)
    expect(cutShort.stdout).toContain(`No database in ${newDataDir} yet: creating its embedded PostgreSQL`)
    expect(cutShort.stderr).toContain(`What the restore made in ${newDataDir} is removed.`)
    expect(existsSync(newDataDir), 'nothing half-made is left').toBe(false)

    mark = performance.now()
    const restore = await npmRun('restore', [file], { DATA_DIR: newDataDir, BACKUP_KEY_DIR: keyDir })
    timings.restore = Math.round(performance.now() - mark)
    expect(restore.code, explain(restore)).toBe(0)
    expect(restore.stdout).toContain(`Field key ${keyId}: ${keyFile}`)
    expect(restore.stdout).toContain(`No database in ${newDataDir} yet: creating its embedded PostgreSQL`)
    expect(restore.stdout).toMatch(/Audit chain intact: \d+ entries verified/)
    expect(restore.stdout).toMatch(/Photos: 2 files checked and put back into DATA_DIR\/photos/)
    expect(readFileSync(path.join(newDataDir, 'field-encryption.key'), 'utf8')).toBe(keyText)

    // ── The next `npm start` serves the restored ledger.
    mark = performance.now()
    server = await startServerProcess({ DATA_DIR: newDataDir, SEED_DEMO: 'partyDay', BACKUP_SCHEDULE: 'off' })
    timings.start = Math.round(performance.now() - mark)
    expect(server.output(), 'no demo data over the restored ledger').not.toContain(DEMO_SEEDED)
    const restoredUrl = embeddedDatabaseUrl(newDataDir)
    // Every table's rows, before anyone signs in. BackupRun: the backup holds the runs finished
    // before its snapshot, never its own.
    const counts = await rowCounts(restoredUrl)
    const ownRunIsInFile = fileName === run.fileName ? 0 : 1
    expect(counts).toEqual({ ...expected.counts, BackupRun: (expected.counts.BackupRun ?? 0) - 1 + ownRunIsInFile })
    expect(
      await withClient(
        restoredUrl,
        async (c) => (await c.query(`SELECT 1 FROM "BackupRun" WHERE status = 'RUNNING'`)).rowCount,
      ),
      'no run restored unfinished',
    ).toBe(0)

    const restoredAdmin = await loginAs(server.url, DEMO_ACCOUNTS.admin.phone)
    const restoredSecretary = await loginAs(server.url, DEMO_ACCOUNTS.secretary.phone)
    const restoredCadre = await loginAs(server.url, DEMO_ACCOUNTS.cadre.phone)
    expect(await restoredAdmin.stats.summary.query({})).toEqual(expected.summary)
    expect(await restoredSecretary.donation.byId.query({ id: donation.id })).toEqual(expected.donation)
    expect(await restoredCadre.visit.byId.query({ id: visit.id })).toEqual(expected.visit)
    const download = await fetch(`${server.url}/photos/${photo.id}`, {
      headers: { authorization: `Bearer ${await tokenOf(server.url, DEMO_ACCOUNTS.cadre.phone)}` },
    })
    expect(download.status).toBe(200)
    expect(sha256Of(new Uint8Array(await download.arrayBuffer())), 'the same photo, byte for byte').toBe(photo.sha256)
    const restoredStatus = await restoredAdmin.backup.status.query()
    expect(restoredStatus.running).toBeNull()
    expect(restoredStatus.nextRunAt, 'BACKUP_SCHEDULE=off').toBeNull()

    const chain = await auditChainOf(restoredUrl)
    expect(chain.firstBroken).toBeNull()
    expect(chain.unlinked).toBe(0)
    expect(await server.stop()).toEqual({ code: 0, signal: null })
    server = undefined
    // Every audit entry is back: the chain verifies up to the head the lost machine had.
    const verify = await npmRun('audit:verify', ['--expect-head', expected.chain.head as string], {
      DATA_DIR: newDataDir,
    })
    expect(verify.code, explain(verify)).toBe(0)
    expect(verify.stdout).toMatch(/Audit chain intact/)

    // ── The same backup into an external PostgreSQL: an empty database, the key as FIELD_ENCRYPTION_KEY.
    const adminUrl = await externalOrEmbeddedPostgres(cleanups, 'disaster-recovery')
    const target = await createExternalDatabase(adminUrl, 'pdrl_dr')
    cleanups.push(target.drop)
    const externalEnv = { DATABASE_URL: target.url, DATA_DIR: path.join(work, 'machine-3', 'data') }
    const wrongExternal = await npmRun('restore', [file], { ...externalEnv, FIELD_ENCRYPTION_KEY: newFieldKey() })
    expect(wrongExternal.code, explain(wrongExternal)).toBe(1)
    expect(wrongExternal.stderr).toMatch(
      new RegExp(`^Restore refused: the backup's personal data is under key ${keyId}`),
    )
    expect(await rowCounts(target.url), 'nothing written').toEqual({})
    const external = await npmRun('restore', [file], { ...externalEnv, FIELD_ENCRYPTION_KEY: keyText.trim() })
    expect(external.code, explain(external)).toBe(0)
    expect(await rowCounts(target.url)).toEqual(counts)
    reportFigures('disaster-recovery', {
      ...timings,
      backupBytes: statSync(file).size,
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((sum, n) => sum + n, 0),
      auditEntries: chain.entries,
    })
  }, 900_000)
})
