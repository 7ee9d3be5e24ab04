// A generator batch aborted by PostgreSQL to break a deadlock (the two writers' statistics
// triggers meet on shared rollup rows) is written again, and its rows are counted once, after the
// commit; any other failure stops the run.
import type pg from 'pg'
import { describe, expect, it } from 'vitest'
import { addRow, createBatch, writeBatch } from '../../scripts/gen/bulk-insert'
import { TABLES, type TableName } from '../../scripts/gen/tables'

const TABLE = Object.keys(TABLES)[0] as TableName

const failingOnce = (code: string) => {
  const statements: string[] = []
  let hasFailed = false
  const client = {
    query: async (sql: string) => {
      statements.push(sql.split(' ')[0] as string)
      if (sql.startsWith('INSERT') && !hasFailed) {
        hasFailed = true
        throw Object.assign(new Error('simulated failure'), { code })
      }
      return { rows: [] }
    },
  } as unknown as pg.ClientBase
  return { client, statements }
}

const oneRowBatch = () => {
  const batch = createBatch()
  addRow(
    batch,
    TABLE,
    TABLES[TABLE].map(() => null),
  )
  return batch
}

describe('writeBatch', () => {
  it('writes a batch again after PostgreSQL aborts it to break a deadlock, counting its rows once', async () => {
    const { client, statements } = failingOnce('40P01')
    const counted: [TableName, number][] = []
    await writeBatch(client, oneRowBatch(), (table, rows) => counted.push([table, rows]))
    expect(statements).toEqual(['BEGIN', 'SET', 'INSERT', 'ROLLBACK', 'BEGIN', 'SET', 'INSERT', 'COMMIT'])
    expect(counted).toEqual([[TABLE, 1]])
  })

  it('stops on any other failure, counting nothing', async () => {
    const { client, statements } = failingOnce('23505')
    const counted: unknown[] = []
    await expect(writeBatch(client, oneRowBatch(), (...args) => counted.push(args))).rejects.toThrow('simulated')
    expect(statements).toEqual(['BEGIN', 'SET', 'INSERT', 'ROLLBACK'])
    expect(counted).toEqual([])
  })
})
