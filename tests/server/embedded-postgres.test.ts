// The embedded default: a real PostgreSQL child process under DATA_DIR that keeps its data,
// restarts fast, keeps its password private, and recovers when a killed server left it running.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres'

const ROOT = path.resolve(import.meta.dirname, '../..')
const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

const tempDataDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pdrl-embedded-'))
  dirs.push(dir)
  return dir
}

const queryOne = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows[0]
  } finally {
    await client.end()
  }
}

/** Running, and not a zombie (an orphan stopped by pg_ctl waits for init to reap it). */
const isAlive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0]
    return state !== undefined && state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps data across a restart, restarts quickly, and keeps its password file private', async () => {
    const dataDir = await tempDataDir()
    const first = await startEmbeddedPostgres({ dataDir })
    await queryOne(first.url(), 'CREATE TABLE kept (v text)')
    await queryOne(first.url(), `INSERT INTO kept VALUES ('前跃村')`)
    await first.stop()

    const started = performance.now()
    const second = await startEmbeddedPostgres({ dataDir })
    const restartMs = performance.now() - started
    try {
      expect(await queryOne(second.url(), 'SELECT v FROM kept')).toEqual({ v: '前跃村' })
      expect(second.url()).toMatch(/^postgresql:\/\/postgres:[\w-]{20,}@127\.0\.0\.1:\d+\/postgres$/)
      expect(restartMs).toBeLessThan(10_000)
      console.log(`[embedded] restart took ${restartMs.toFixed(0)} ms`)
    } finally {
      await second.stop()
    }
    expect((await stat(path.join(dataDir, 'postgres-password'))).mode & 0o777).toBe(0o600)
  })

  it('refuses a database another live server holds, and recovers once that server is killed with kill -9', async () => {
    const dataDir = await tempDataDir()
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/fixtures/hold-embedded-postgres.ts'), dataDir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const stalePid = await new Promise<number>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => {
        const match = /READY (\d+)/.exec(chunk.toString())
        if (match) resolve(Number(match[1]))
      })
      holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)))
    })
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(`is in use by process ${holder.pid}`)
    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.once('exit', resolve))
    expect(isAlive(stalePid)).toBe(true)

    const recovered = await startEmbeddedPostgres({ dataDir })
    try {
      expect(await queryOne(recovered.url(), 'SELECT 1 AS ok')).toEqual({ ok: 1 })
      expect(isAlive(stalePid)).toBe(false)
    } finally {
      await recovered.stop()
    }
  })
})
