// Multi-row INSERTs through pg: each column travels as one text[] parameter and is cast to its
// type in `SELECT … FROM unnest(…)`, so a statement takes thousands of rows with a fixed number
// of parameters (far under PostgreSQL's 65,535) and one round trip.
import type pg from 'pg'
import { type Cell, TABLES, type TableName } from './tables'

/** Rows per statement. */
const STATEMENT_ROWS = 5_000

const toText = (cell: Cell): string | null => {
  if (cell === null) return null
  if (cell instanceof Date) return cell.toISOString()
  if (Array.isArray(cell)) return `{${cell.join(',')}}`
  return String(cell)
}

const statementFor = (table: TableName) => {
  const columns = TABLES[table]
  const names = columns.map(([name]) => `"${name}"`).join(', ')
  const casts = columns.map(([name, type]) => `u."${name}"::${type}`).join(', ')
  const params = columns.map((_, i) => `$${i + 1}::text[]`).join(', ')
  return `INSERT INTO "${table}" (${names}) SELECT ${casts} FROM unnest(${params}) AS u(${names})`
}

const STATEMENTS = new Map<TableName, string>()

export const insertRows = async (client: pg.ClientBase, table: TableName, rows: readonly (readonly Cell[])[]) => {
  const sql = STATEMENTS.get(table) ?? statementFor(table)
  STATEMENTS.set(table, sql)
  const width = TABLES[table].length
  for (let start = 0; start < rows.length; start += STATEMENT_ROWS) {
    const slice = rows.slice(start, start + STATEMENT_ROWS)
    const columns: (string | null)[][] = Array.from({ length: width }, () => new Array(slice.length))
    for (let r = 0; r < slice.length; r++) {
      const row = slice[r] as readonly Cell[]
      if (row.length !== width) throw new Error(`${table}: a row has ${row.length} cells, the table ${width} columns`)
      for (let c = 0; c < width; c++) (columns[c] as (string | null)[])[r] = toText(row[c] as Cell)
    }
    await client.query(sql, columns)
  }
}

/** Rows for every table, collected for one batch. */
export type Batch = Map<TableName, Cell[][]>

export const createBatch = (): Batch => new Map()

export const addRow = (batch: Batch, table: TableName, row: Cell[]) => {
  const rows = batch.get(table)
  if (rows) rows.push(row)
  else batch.set(table, [row])
}

/** PostgreSQL's SQLSTATE for a transaction it chose to abort to break a deadlock. */
const DEADLOCK_DETECTED = '40P01'
const ATTEMPTS = 5

const isDeadlock = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK_DETECTED

const insertBatch = async (client: pg.ClientBase, batch: Batch) => {
  await client.query('BEGIN')
  try {
    // Generated data can be made again: a crash losing the last commits costs nothing.
    await client.query('SET LOCAL synchronous_commit = off')
    for (const table of Object.keys(TABLES) as TableName[]) {
      const rows = batch.get(table)
      if (rows?.length) await insertRows(client, table, rows)
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/**
 * Inserts a batch in one transaction, tables in foreign-key order, and reports its rows per table
 * once committed. Two writers' batches touch disjoint villages but the same rollup rows (a donor
 * org's, the province's), which the statistics triggers update in the order rows arrive: when
 * PostgreSQL breaks a deadlock between them by aborting one, that batch is written again.
 */
export const writeBatch = async (
  client: pg.ClientBase,
  batch: Batch,
  onTable: (table: TableName, rows: number) => void,
) => {
  for (let attempt = 1; ; attempt++) {
    try {
      await insertBatch(client, batch)
      break
    } catch (error) {
      if (!isDeadlock(error) || attempt === ATTEMPTS) throw error
    }
  }
  for (const [table, rows] of batch) if (rows.length) onTable(table, rows.length)
}
