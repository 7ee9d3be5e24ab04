// One PostgreSQL for the whole run: TEST_DATABASE_URL when set (CI runs the suite a second time
// against the machine's server), else an embedded one in a temp folder. A template database is
// migrated once, the way production migrates; each test file then copies it (CREATE DATABASE …
// TEMPLATE, ~0.1 s) and drops its copy at the end.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../../prisma/engine/migrate.mjs'
import { ensureDatabase } from '../../server/db/database'
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string
    templateDatabase: string
    databaseKind: 'embedded' | 'external'
  }
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export default async function setup(project: TestProject) {
  const started = Date.now()
  let adminUrl = process.env.TEST_DATABASE_URL
  let stopEmbedded: (() => Promise<void>) | undefined
  let dataDir: string | undefined
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-test-pg-'))
    const embedded = await startEmbeddedPostgres({ dataDir })
    adminUrl = embedded.url()
    stopEmbedded = embedded.stop
  }
  const templateDatabase = `pdrl_template_${process.pid}_${Date.now().toString(36)}`
  await ensureDatabase(adminUrl, templateDatabase)
  await applyMigrations({ url: withDatabase(adminUrl, templateDatabase) })
  project.provide('adminDatabaseUrl', adminUrl)
  project.provide('templateDatabase', templateDatabase)
  project.provide('databaseKind', stopEmbedded ? 'embedded' : 'external')
  console.log(
    `[tests] PostgreSQL: ${stopEmbedded ? 'embedded' : 'TEST_DATABASE_URL'}; template migrated in ${Date.now() - started} ms`,
  )

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2',
        [templateDatabase, `${templateDatabase}_%`],
      )
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    } finally {
      await client.end()
    }
    await stopEmbedded?.()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
}
