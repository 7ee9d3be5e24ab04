// What the suites that start servers and databases share: undoing them after the file's tests,
// and finding the external PostgreSQL their external variants run on. Apart from
// server-process.ts, which the benches use outside vitest.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, inject, type TestContext } from 'vitest'
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres'
import { createExternalDatabase, findExternalPostgres, type ServerProcess, startServerProcess } from './server-process'

/** Things to undo after the file's tests, the last made first; one failing does not stop the others. */
export const cleanupAfterAll = () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error))
  })
  return cleanups
}

/** The run's PostgreSQL when it is external, else the machine's at 127.0.0.1:5432 if it answers; null without. */
export const externalPostgres = () =>
  findExternalPostgres({ adminDatabaseUrl: inject('adminDatabaseUrl'), databaseKind: inject('databaseKind') })

/** The external PostgreSQL, or the test skipped with a notice that says so. */
export const externalPostgresOrSkip = async (ctx: TestContext, suite: string, skipped = 'external variant skipped') => {
  const adminUrl = await externalPostgres()
  if (adminUrl) return adminUrl
  console.log(`[${suite}] NOTICE: no external PostgreSQL answers at 127.0.0.1:5432; ${skipped}`)
  return ctx.skip()
}

/**
 * A PostgreSQL server for the file's tests: the external one when it answers, else one embedded,
 * stopped and removed after them.
 */
export const externalOrEmbeddedPostgres = async (cleanups: (() => Promise<unknown>)[], suite: string) => {
  const external = await externalPostgres()
  if (external) {
    console.log(`[${suite}] on the external PostgreSQL`)
    return external
  }
  console.log(`[${suite}] on an embedded PostgreSQL`)
  const dataDir = await mkdtemp(path.join(tmpdir(), `pdrl-${suite}-pg-`))
  const embedded = await startEmbeddedPostgres({ dataDir })
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }), embedded.stop)
  return embedded.url()
}

/**
 * A database of its own, for several server processes to share (the job runner's suites): on the
 * external PostgreSQL or an embedded one. `startInstance` starts one server on it with `env`, in a
 * DATA_DIR of its own; everything is stopped and removed after the file's tests.
 */
export const databaseForInstances = async (cleanups: (() => Promise<unknown>)[], suite: string) => {
  const adminUrl = await externalOrEmbeddedPostgres(cleanups, suite)
  const database = await createExternalDatabase(adminUrl, suite.replaceAll('-', '_'))
  cleanups.push(database.drop)
  const startInstance = async (instance: string, env: Record<string, string>): Promise<ServerProcess> => {
    const dataDir = await mkdtemp(path.join(tmpdir(), `pdrl-${suite}-${instance}-`))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const server = await startServerProcess({ DATABASE_URL: database.url, ...env, DATA_DIR: dataDir })
    cleanups.push(server.stop)
    return server
  }
  return { url: database.url, startInstance }
}
