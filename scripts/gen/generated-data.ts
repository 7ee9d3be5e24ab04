// Whether a database already holds generated data, and `--reset`: emptying the tables the
// generator fills (and, through CASCADE, what hangs off them: sessions, consents, retry keys).
// The migration history is never touched, nor the audit log: generated history writes no audit
// entries, and the chain stays whole (`npm run audit:verify`).
import type pg from 'pg'
import { GENERATED_ADMIN_PHONE } from './org-tree'
import { TABLE_NAMES } from './tables'

export const hasGeneratedData = async (client: pg.ClientBase): Promise<boolean> => {
  const { rowCount } = await client.query('SELECT 1 FROM "User" WHERE "phone" = $1', [GENERATED_ADMIN_PHONE])
  return Boolean(rowCount)
}

export const truncateGeneratedTables = async (client: pg.ClientBase) => {
  await client.query(`TRUNCATE ${TABLE_NAMES.map((t) => `"${t}"`).join(', ')} CASCADE`)
}
