// The 50,000-row export: the donation ledger (捐赠台账) of a village with EXPORT_ROWS (50,000)
// ledger rows — 45,000 cash gifts and 5,000 gifts of goods of one line each, from 300 donors —
// downloaded twice from the real server (a subprocess on a fresh embedded PostgreSQL, built and run
// as `npm start` runs it). Reports the time to the last byte, the file's size, the rows read back,
// and the server's memory as one JSON line: its resident size when idle, its peak (VmHWM) after
// each download, and what the export added to the idle size (`exportPeakMB`, bounded at 300 MB).
// Goal: the first download within 5 s and the server's peak within 300 MB (`withinGoal`).

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import { LEDGER_SHEET } from '../server/services/exports/donation-ledger'
import {
  apiClient,
  embeddedDatabaseUrl,
  RELIABILITY_PASSWORD,
  ROOT,
  withClient,
} from '../tests/reliability/server-process'
import { timedDownload } from './download'
import { withStoryServer } from './story-server'

const ROWS = Number(process.env.EXPORT_ROWS ?? 50_000)
const GOODS_EVERY = 10
const MEMORY_BOUND_BYTES = 300 * 1024 * 1024
/**
 * The server's V8 old-space cap (EXPORT_HEAP_MB, 160; 0 for Node's default). Uncapped, V8 lets
 * garbage pile up well past what is live before it collects, so the peak says little about the
 * export; under a cap the export must fit, and its peak is what it really holds.
 */
const HEAP_MB = Number(process.env.EXPORT_HEAP_MB ?? 160)

/** Peak and current resident memory of a process, from /proc (Linux). */
const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024
  return { peakBytes: kb('VmHWM'), residentBytes: kb('VmRSS') }
}

/** Ledger rows in the workbook's main sheet, read as a stream (the file is not held whole). */
const countLedgerRows = async (bytes: Buffer) => {
  let rows = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), { worksheets: 'emit' })
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name
    for await (const _row of sheet) if (name === LEDGER_SHEET) rows += 1
  }
  return rows - 1 // the header
}

// The server as `npm start` runs it: built (when stale), with its Node flags.
const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), 'server'], { stdio: 'inherit' })
if (build.status !== 0) throw new Error('the server could not be built')

const main = () =>
  withStoryServer(
    'export',
    { NODE_OPTIONS: HEAP_MB ? `--max-old-space-size=${HEAP_MB}` : undefined },
    async (server, dataDir) => {
      const token = (
        await apiClient(server.url).auth.loginWithPassword.mutate({
          phone: DEMO_ACCOUNTS.secretary.phone,
          password: RELIABILITY_PASSWORD,
        })
      ).token
      // The rows go straight into the database: the export is measured, not the write path.
      const t0 = performance.now()
      const villageId = await withClient(embeddedDatabaseUrl(dataDir), async (db) => {
        const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Village" WHERE name = '前跃村'`)
        const id = rows[0]?.id
        if (!id) throw new Error('no 前跃村 in the seed')
        await db.query(
          `INSERT INTO "Donation" (id, "donorName", "recipientKind", "villageId", kind, "amountFen", "receivedOn", note, "updatedAt")
         SELECT gen_random_uuid(), '压测捐赠单位' || (n % 300), 'VILLAGE', $1,
                CASE WHEN n % $2 = 0 THEN 'GOODS' ELSE 'CASH' END::"DonationKind",
                CASE WHEN n % $2 = 0 THEN 12000 ELSE 10000 + n % 5000 END,
                DATE '2024-01-01' + (n % 700), '批量压测数据 ' || n, now()
         FROM generate_series(1, $3::int) AS n`,
          [id, GOODS_EVERY, ROWS],
        )
        await db.query(
          `INSERT INTO "DonationGoods" (id, "donationId", item, quantity, unit, "unitValueFen", "valueFen")
         SELECT gen_random_uuid(), id, '大米', 1, '袋', 12000, 12000 FROM "Donation" WHERE kind = 'GOODS'`,
        )
        await db.query('ANALYZE "Donation"; ANALYZE "DonationGoods"')
        return id
      })
      const seededMs = performance.now() - t0

      const download = () => timedDownload(`${server.url}/exports/donation-ledger.xlsx?villageId=${villageId}`, token)

      // Twice: if the file were held in memory, or anything kept, the second run would raise the peak again.
      const idle = memoryOf(server.pid)
      const first = await download()
      const afterFirst = memoryOf(server.pid)
      const second = await download()
      const afterSecond = memoryOf(server.pid)
      const rowsRead = await countLedgerRows(first.file)
      if (rowsRead !== ROWS) throw new Error(`the ledger holds ${rowsRead} rows, not ${ROWS}`)

      const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
      const exportPeakBytes = afterFirst.peakBytes - idle.residentBytes
      console.log(
        JSON.stringify({
          measure: 'export.donationLedger',
          rows: rowsRead,
          heapCapMB: HEAP_MB || null,
          seconds: [first.totalMs, second.totalMs].map((ms) => Math.round(ms / 100) / 10),
          firstByteMs: [first.firstByteMs, second.firstByteMs].map(Math.round),
          rowsPerSecond: Math.round(rowsRead / (first.totalMs / 1000)),
          fileMB: mb(first.file.length),
          serverIdleResidentMB: mb(idle.residentBytes),
          serverPeakMB: [afterFirst.peakBytes, afterSecond.peakBytes].map(mb),
          exportPeakMB: mb(exportPeakBytes),
          goalSeconds: 5,
          goalServerPeakMB: 300,
          withinGoal: first.totalMs <= 5_000 && afterFirst.peakBytes <= MEMORY_BOUND_BYTES,
          boundMB: mb(MEMORY_BOUND_BYTES),
          withinBound: exportPeakBytes < MEMORY_BOUND_BYTES,
          seedSeconds: Math.round(seededMs / 100) / 10,
        }),
      )
      if (exportPeakBytes >= MEMORY_BOUND_BYTES) process.exitCode = 1
    },
    { isCompiled: true },
  )

await main()
