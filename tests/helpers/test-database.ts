// A fresh database for one test file, copied from the migrated template.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'

const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Creates the database now and drops it after the file's tests. Returns its URL. */
export const createTestDatabase = async (): Promise<{ url: string; name: string }> => {
  const template = inject('templateDatabase')
  const name = `${template}_${randomBytes(4).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`))
  afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))
  return { url: withDatabase(inject('adminDatabaseUrl'), name), name }
}

export const adminDatabaseUrl = () => inject('adminDatabaseUrl')
export { withDatabase }
