// `npm run prisma -- <args>`: the Prisma CLI against DATABASE_URL, or, when it is unset, against
// the embedded database under DATA_DIR (started for the command, stopped after). So
// `npm run prisma -- migrate dev --name add_x` works on a fresh clone with nothing installed.
// (Stop `npm start` first: both would open the same embedded data folder.)
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { openDatabase } from '../server/db/database'

const database = await openDatabase(
  { DATABASE_URL: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || './data') },
  (line) => console.error(line),
)
const cli = createRequire(import.meta.url).resolve('prisma/build/index.js')
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: database.url },
})
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
await database.stop()
process.exit(code)
