// The 发放签收表 with signatures: SIGN_SHEET_ROWS (10,000) rows, one per handover, each signed on
// the cadre's phone with a drawing of its own (bench/reconciliation-setup.ts), downloaded twice
// from the real server as the village's 驻村干部 (`GET /exports/handover-sign-sheet.xlsx?villageId=`).
// Reports the time to the last byte, the file's size, the rows and images read back, and the
// server's memory as bench/export.ts does: idle resident size, peak (VmHWM) after each download,
// and what the export added to the idle size.
//
//   BENCH_DATABASE_URL  as bench/dashboard.ts (BENCH_FIELD_ENCRYPTION_KEY, BENCH_PASSWORD); unset:
//                       county scale generated into a fresh embedded PostgreSQL.
//   SIGN_SHEET_HEAP_MB  the server's V8 old-space cap (0, Node's default; bench/export.ts caps at 160
//                       MB, under which this export runs out of heap: docs/benchmarks.md).
//
// Goals: ≤ 10 s to the last byte; the export's own peak (the peak after the first download less
// the idle resident size, as bench/export.ts) under 300 MB, above which the run exits 1. The
// server's whole peak is reported beside it (`serverPeakWithinBound`).
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { SIGN_SHEET_NAME } from '../server/services/exports/handover-sign-sheet'
import { apiClient } from '../tests/reliability/server-process'
import { openBenchWorld } from './dashboard'
import { timedDownload } from './download'
import { startProductionServer } from './production-server'
import { reconciliationWorld, SIGN_SHEET_ROWS, writeSignatureFiles } from './reconciliation-setup'

const GOAL_SECONDS = 10
const PEAK_BOUND_BYTES = 300 * 1024 * 1024
const HEAP_MB = Number(process.env.SIGN_SHEET_HEAP_MB ?? 0)
/** Rows above the data (title, heading, headers) and below it (合计, its detail, the signing line). */
const FRAME_ROWS = 6

const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024
  return { peakBytes: kb('VmHWM'), residentBytes: kb('VmRSS') }
}

/** Data rows of the sheet, read as a stream, and the image files in the zip (each named twice in it). */
const readBack = async (bytes: Buffer) => {
  let rows = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), { worksheets: 'emit' })
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name
    for await (const _row of sheet) if (name === SIGN_SHEET_NAME) rows += 1
  }
  let images = 0
  const needle = Buffer.from('xl/media/image')
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) images += 1
  return { rows: rows - FRAME_ROWS, images: images / 2 }
}

const main = async () => {
  if (!process.env.BENCH_DATABASE_URL) process.env.GEN_PASSWORD ??= 'bench-sign-sheet-password'
  const world = await openBenchWorld()
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-sign-sheet-'))
  try {
    const made = await reconciliationWorld(world.url)
    await writeSignatureFiles(dataDir, made.signedHandovers)
    const server = await startProductionServer({
      DATABASE_URL: world.url,
      FIELD_ENCRYPTION_KEY: world.fieldKey,
      DATA_DIR: dataDir,
      NODE_OPTIONS: HEAP_MB ? `--max-old-space-size=${HEAP_MB}` : undefined,
    })
    try {
      const { phone } = await world.prisma.user.findUniqueOrThrow({
        where: { id: made.villageCadreId },
        select: { phone: true },
      })
      const password = process.env.BENCH_PASSWORD ?? process.env.GEN_PASSWORD ?? ''
      const { token } = await apiClient(server.url).auth.loginWithPassword.mutate({ phone: phone ?? '', password })
      const download = () =>
        timedDownload(`${server.url}/exports/handover-sign-sheet.xlsx?villageId=${made.villageId}`, token)
      // Twice: anything kept from the first would raise the peak again in the second.
      const idle = memoryOf(server.pid)
      const first = await download().catch((error: unknown) => {
        // What the server said of it: the reason is in its log.
        console.error(server.output().slice(-4000))
        throw error
      })
      const afterFirst = memoryOf(server.pid)
      const second = await download()
      const afterSecond = memoryOf(server.pid)
      const read = await readBack(first.file)
      if (read.rows !== SIGN_SHEET_ROWS || read.images !== made.signedHandovers)
        throw new Error(`the sheet holds ${read.rows} rows and ${read.images} images, not ${SIGN_SHEET_ROWS} of each`)

      const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
      const seconds = [first.totalMs, second.totalMs].map((ms) => Math.round(ms / 100) / 10)
      const peakBytes = Math.max(afterFirst.peakBytes, afterSecond.peakBytes)
      const exportPeakBytes = afterFirst.peakBytes - idle.residentBytes
      const line = {
        measure: 'export.handoverSignSheet.signatures',
        scale: world.scale,
        rows: read.rows,
        images: read.images,
        heapCapMB: HEAP_MB || null,
        seconds,
        firstByteMs: Math.round(first.firstByteMs),
        fileMB: mb(first.file.length),
        serverIdleResidentMB: mb(idle.residentBytes),
        serverPeakMB: [afterFirst.peakBytes, afterSecond.peakBytes].map(mb),
        exportPeakMB: mb(exportPeakBytes),
        goalSeconds: GOAL_SECONDS,
        boundMB: mb(PEAK_BOUND_BYTES),
        withinGoal: Math.max(...seconds) <= GOAL_SECONDS,
        withinBound: exportPeakBytes < PEAK_BOUND_BYTES,
        serverPeakWithinBound: peakBytes <= PEAK_BOUND_BYTES,
      }
      console.log(JSON.stringify(line))
      if (!line.withinBound) process.exitCode = 1
    } finally {
      await server.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
    await world.close()
  }
}

await main()
