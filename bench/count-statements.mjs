// Preloaded into a server (`--import`) by bench/capacity-cpu.ts --by-kind: counts the SQL
// statements the server sends (every query on a `pg` connection, BEGIN and COMMIT included) and, on
// SIGUSR2, writes the count so far to STATEMENT_COUNT_FILE.
import { writeFileSync } from 'node:fs'
import pg from 'pg'

const file = process.env.STATEMENT_COUNT_FILE
if (file) {
  let count = 0
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function countedQuery(...args) {
    count += 1
    return query.apply(this, args)
  }
  process.on('SIGUSR2', () => writeFileSync(file, String(count)))
}
