// Backup and restore, as an operator runs them (docs/deployment.md): `npm run backup` while the
// real server serves, `npm run restore` once it is stopped, and the server started again on what
// came back. A write made before the backup must be there, one made after it must be gone, the
// 前跃村 total must still be ¥44,000, the audit chain must verify, and the personal data must
// decrypt, and a photo kept in DATA_DIR/photos must come back byte for byte after its folder is
// wiped. A restore must refuse while a server runs.
//
// The restore drill on an external PostgreSQL (127.0.0.1:5432, or TEST_DATABASE_URL): the
// system's pg_dump -Fc / pg_restore, and `npm run backup` / `npm run restore` with DATABASE_URL,
// each into a new database whose every table must hold as many rows as the source's.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { householdInput } from '../helpers/factories'
import { auditChainOf, explain, npmRun, rowCounts, run, sha256Of, tokenOf, uploadPhoto } from './operator-commands'
import {
  createExternalDatabase,
  embeddedDatabaseUrl,
  loginAs,
  migrateAndSeedAccounts,
  newFieldKey,
  type ServerProcess,
  startServerProcess,
  stopLeftovers,
} from './server-process'
import { cleanupAfterAll, externalPostgresOrSkip } from './suite-resources'

const STORY_DONATIONS_FEN = 4_400_000

const cleanups = cleanupAfterAll()

const modeOf = async (file: string) => (await stat(file)).mode & 0o777

describe('backup and restore', () => {
  it('on the embedded database: backs up while serving, refuses to restore under a running server, and restores what the backup held', async () => {
    const timings: Record<string, number> = {}
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-backup-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    let server: ServerProcess | undefined
    cleanups.push(() => stopLeftovers(server, dataDir))
    const env = { DATA_DIR: dataDir }

    let mark = performance.now()
    server = await startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: 'partyDay' })
    timings.firstStart = Math.round(performance.now() - mark)
    const cadre = await loginAs(server.url, DEMO_ACCOUNTS.cadre.phone)
    const villageId = (await cadre.village.list.query()).find((v) => v.name === '前跃村')?.id
    if (!villageId) throw new Error('the cadre does not see 前跃村')
    const kept = householdInput(villageId, { code: 'BK-BEFORE', headName: '备份前户主' })
    const keptId = (await cadre.household.create.mutate(kept)).id
    const visit = await cadre.visit.create.mutate({ target: 'HOUSEHOLD', householdId: keptId, visitedOn: '2025-01-23' })
    const photo = await uploadPhoto(server.url, await tokenOf(server.url, DEMO_ACCOUNTS.cadre.phone), visit.id)
    const photoFile = path.join(dataDir, 'photos', 'photos', photo.sha256)

    // The backup, while the server serves.
    const backup = await npmRun('backup', [], env)
    timings.backup = backup.ms
    expect(backup.code, explain(backup)).toBe(0)
    const file = /Backup written: (\S+\.backup\.gz)/.exec(backup.stdout)?.[1] as string
    expect(file, backup.stdout).toMatch(new RegExp(`^${dataDir}/backups/pdrl-\\d{8}-\\d{6}\\.backup\\.gz$`))
    expect(await modeOf(file)).toBe(0o600)
    expect(backup.stdout).toMatch(/\d+ rows in \d+ tables/)
    expect(backup.stdout).toMatch(/Household 7\b/) // the story's six, and BK-BEFORE
    expect(backup.stdout).toMatch(/ 2 photo files \(/) // the photo and its thumbnail
    // The key goes into a folder of its own (BACKUP_KEY_DIR, default DATA_DIR/backup-keys).
    const keyFile = path.join(
      dataDir,
      'backup-keys',
      path.basename(file).replace(/\.backup\.gz$/, '.field-encryption.key'),
    )
    expect(backup.stdout).toContain(`Field key written: ${keyFile} `)
    expect(existsSync(file.replace(/\.backup\.gz$/, '.field-encryption.key')), 'not beside the backup').toBe(false)
    expect(await modeOf(keyFile)).toBe(0o600)
    expect(readFileSync(keyFile, 'utf8')).toBe(readFileSync(path.join(dataDir, 'field-encryption.key'), 'utf8'))
    expect(backup.stdout).toMatch(/WARNING: .*useless without this key file/)
    expect(readdirSync(path.dirname(file)).filter((n) => n.includes('.partial-'))).toEqual([])

    // After the backup: this one must not come back.
    await cadre.household.create.mutate(householdInput(villageId, { code: 'BK-AFTER', headName: '备份后户主' }))

    const refused = await npmRun('restore', [file], env)
    expect(refused.code, explain(refused)).toBe(1)
    expect(refused.stderr).toMatch(/in use by process \d+ .*Stop it first/)
    const stillThere = await cadre.household.list.query({ search: 'BK-', limit: 10 })
    expect(stillThere.items.map((h) => h.code).sort(), 'a refused restore changes nothing').toEqual([
      'BK-AFTER',
      'BK-BEFORE',
    ])

    expect(await server.stop()).toEqual({ code: 0, signal: null })
    // The photos folder lost with the disk: the backup alone must bring the files back.
    await rm(path.join(dataDir, 'photos'), { recursive: true, force: true })
    const restore = await npmRun('restore', [file], env)
    timings.restore = restore.ms
    expect(restore.code, explain(restore)).toBe(0)
    expect(restore.stdout).toContain(`Field key ${/key (\w+), mode/.exec(backup.stdout)?.[1]}: ${keyFile}`)
    expect(restore.stdout).toMatch(/Audit chain intact: \d+ entries verified/)
    expect(restore.stdout).toMatch(/_prisma_migrations: \d+ applied/)
    expect(restore.stdout).toMatch(/Field key: [1-9]\d* sample ciphertexts decrypted/)
    expect(restore.stdout).toMatch(/Photos: 2 files checked and put back into DATA_DIR\/photos/)
    expect(sha256Of(readFileSync(photoFile)), 'the restored file is the uploaded one').toBe(photo.sha256)
    expect(await modeOf(photoFile)).toBe(0o600)

    mark = performance.now()
    server = await startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: 'partyDay' })
    timings.restart = Math.round(performance.now() - mark)
    const cadreAgain = await loginAs(server.url, DEMO_ACCOUNTS.cadre.phone)
    const admin = await loginAs(server.url, DEMO_ACCOUNTS.admin.phone)
    const households = await cadreAgain.household.list.query({ search: 'BK-', limit: 10 })
    expect(households.items.map((h) => h.code)).toEqual(['BK-BEFORE'])
    const download = await fetch(`${server.url}/photos/${photo.id}`, {
      headers: { authorization: `Bearer ${await tokenOf(server.url, DEMO_ACCOUNTS.cadre.phone)}` },
    })
    expect(download.status).toBe(200)
    expect(sha256Of(new Uint8Array(await download.arrayBuffer())), 'the restored photo is served').toBe(photo.sha256)

    const summary = await admin.stats.summary.query({})
    expect(summary.byVillage.find((v) => v.name === '前跃村')?.totalFen).toBe(STORY_DONATIONS_FEN)
    expect(summary.totals.totalFen).toBe(STORY_DONATIONS_FEN)

    const reason = '核对备份恢复'
    const revealed = await cadreAgain.household.reveal.mutate({ id: keptId, field: 'idNumber', reason })
    expect(revealed.value).toBe(kept.idNumber)
    const seeded = (await admin.household.list.query({ limit: 50 })).items.find((h) => h.code !== 'BK-BEFORE')
    const seededPhone = await admin.household.reveal.mutate({ id: seeded?.id as string, field: 'phone', reason })
    expect(seededPhone.value).toMatch(/^1\d{10}$/)

    const chain = await auditChainOf(embeddedDatabaseUrl(dataDir))
    expect(chain.firstBroken).toBeNull()
    expect(chain.entries).toBeGreaterThan(30)
    expect(chain.unlinked).toBe(0)

    expect(await server.stop()).toEqual({ code: 0, signal: null })
    // `npm run audit:verify`, as an operator would run it after a restore.
    const verify = await npmRun('audit:verify', [], env)
    expect(verify.code, explain(verify)).toBe(0)
    expect(verify.stdout).toMatch(/Audit chain intact/)
    console.log(`[figures] backup-restore embedded: ${JSON.stringify(timings)}`)
  }, 600_000)

  it('a restore drill on an external PostgreSQL: pg_dump -Fc / pg_restore, and npm run backup / restore, into new databases with every table’s rows', async (ctx) => {
    const adminUrl = await externalPostgresOrSkip(ctx, 'backup-restore', 'drill skipped')
    const work = await mkdtemp(path.join(tmpdir(), 'pdrl-drill-'))
    cleanups.push(() => rm(work, { recursive: true, force: true }))
    const source = await createExternalDatabase(adminUrl, 'pdrl_drill_src')
    cleanups.push(source.drop)
    await migrateAndSeedAccounts(source.url)
    // Some personal data, written by the real server, so the key check has ciphertexts to open.
    const fieldKey = newFieldKey()
    const server = await startServerProcess({ DATABASE_URL: source.url, FIELD_ENCRYPTION_KEY: fieldKey })
    cleanups.push(() => stopLeftovers(server))
    const cadre = await loginAs(server.url, DEMO_ACCOUNTS.cadre.phone)
    const villageId = (await cadre.village.list.query()).find((v) => v.name === '前跃村')?.id as string
    for (const code of ['DRILL-1', 'DRILL-2']) await cadre.household.create.mutate(householdInput(villageId, { code }))
    await server.stop()
    const expected = await rowCounts(source.url)
    expect(expected.Household).toBe(2)
    expect(expected._prisma_migrations).toBeGreaterThan(0)

    // 1. The system's client tools (what a province runs against managed PostgreSQL).
    const hasPgDump = (await run('pg_dump', ['--version'], {})).code === 0
    if (hasPgDump) {
      const dump = path.join(work, 'drill.dump')
      const dumped = await run('pg_dump', ['-Fc', '--no-owner', '-f', dump, '-d', source.url], {})
      expect(dumped.code, explain(dumped)).toBe(0)
      const target = await createExternalDatabase(adminUrl, 'pdrl_drill_pg')
      cleanups.push(target.drop)
      const restored = await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.url, dump], {})
      expect(restored.code, explain(restored)).toBe(0)
      expect(await rowCounts(target.url)).toEqual(expected)
      expect((await auditChainOf(target.url)).firstBroken).toBeNull()
      console.log(`[figures] backup-restore pg_dump drill: dump ${dumped.ms} ms, restore ${restored.ms} ms`)
    } else {
      console.log('[backup-restore] NOTICE: no pg_dump on PATH; the pg_dump/pg_restore half of the drill skipped')
    }

    // 2. npm run backup / restore with DATABASE_URL: into an empty database only.
    const file = path.join(work, 'drill.backup.gz')
    const keyEnv = { FIELD_ENCRYPTION_KEY: fieldKey, DATA_DIR: work }
    const backup = await npmRun('backup', ['--out', file], { ...keyEnv, DATABASE_URL: source.url })
    expect(backup.code, explain(backup)).toBe(0)
    expect(backup.stdout).toMatch(/opens only with FIELD_ENCRYPTION_KEY/)
    expect(existsSync(file.replace(/\.backup\.gz$/, '.field-encryption.key')), 'the env key is never written').toBe(
      false,
    )
    const target = await createExternalDatabase(adminUrl, 'pdrl_drill_npm')
    cleanups.push(target.drop)
    const restore = await npmRun('restore', [file], { ...keyEnv, DATABASE_URL: target.url })
    expect(restore.code, explain(restore)).toBe(0)
    expect(restore.stdout).toMatch(/Field key: [1-9]\d* sample ciphertexts decrypted/)
    const counts = await rowCounts(target.url)
    expect(counts).toEqual(expected)
    const again = await npmRun('restore', [file], { ...keyEnv, DATABASE_URL: target.url })
    expect(again.code, explain(again)).toBe(1)
    expect(again.stderr).toMatch(/not empty/)
    const wrongKey = await createExternalDatabase(adminUrl, 'pdrl_drill_key')
    cleanups.push(wrongKey.drop)
    const refused = await npmRun('restore', [file], {
      ...keyEnv,
      FIELD_ENCRYPTION_KEY: newFieldKey(),
      DATABASE_URL: wrongKey.url,
    })
    expect(refused.code, explain(refused)).toBe(1)
    expect(refused.stderr).toMatch(/personal data is under key/)
    console.log(`[figures] backup-restore npm drill: backup ${backup.ms} ms, restore ${restore.ms} ms`)
  }, 600_000)
})
