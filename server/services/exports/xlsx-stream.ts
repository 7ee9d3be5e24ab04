// What every streamed Excel export shares (docs/exports.md, "Streaming, audit"):
//   - rows are read in keyset batches, and before each batch we wait until the output has taken
//     what was sent, so memory stays bounded however large the data and however slow the client;
//   - the export is audited before the file is finished, so a file that could not be audited is
//     never completed, and a download cut short is audited too, with what had been sent.
import type { Writable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { loadWorkbookWriter } from '../../lib/on-demand-libraries'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { type PlainCell, toCells, YUAN_FORMAT } from './xlsx-cells'

/** What every export is called with. */
export type XlsxExport<I> = {
  ctx: ServiceContext
  input: I
  /** Where the .xlsx goes: the HTTP response, or a file. Ended when the workbook is complete. */
  output: Writable
  /** Records read per query. */
  batchSize?: number
}

export const DEFAULT_BATCH_SIZE = 500

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter

export class ExportAbortedError extends Error {
  override name = 'ExportAbortedError'
}

/** Resolves once the output can take more; rejects when the client has gone away. */
export const drained = (output: Writable): Promise<void> =>
  new Promise((resolve, reject) => {
    if (output.destroyed) return reject(new ExportAbortedError('the download was cancelled'))
    if (!output.writableNeedDrain) return resolve()
    const done = () => {
      output.off('drain', done)
      output.off('close', done)
      if (output.destroyed) reject(new ExportAbortedError('the download was cancelled'))
      else resolve()
    }
    output.on('drain', done)
    output.on('close', done)
  })

/** Rejects if the output closes before the workbook has been written to the end. */
const closedEarly = (output: Writable): Promise<never> =>
  new Promise((_, reject) => {
    const check = () => {
      if (!output.writableFinished) reject(new ExportAbortedError('the download was cancelled'))
    }
    if (output.closed) check()
    else output.once('close', check)
  })

/**
 * Batches of up to `batchSize` rows, each read after the last row of the one before (keyset
 * pagination: `read` must order on a unique key), and each only once the output has drained.
 * The next batch is read while this one is written (one batch ahead, no more), so that the
 * database's work and the sheet's overlap instead of taking turns.
 */
export async function* keysetBatches<T>({
  output,
  batchSize,
  read,
}: {
  output: Writable
  batchSize: number
  read: (last: T | undefined, take: number) => Promise<T[]>
}): AsyncGenerator<T[]> {
  const ahead = (last: T | undefined) => {
    const next = drained(output).then(() => read(last, batchSize))
    // Not awaited when the consumer stops early: its failure must not go unhandled then.
    next.catch(() => undefined)
    return next
  }
  let next: Promise<T[]> | null = ahead(undefined)
  while (next) {
    const batch: T[] = await next
    next = batch.length < batchSize ? null : ahead(batch.at(-1))
    if (batch.length) yield batch
  }
}

export type SheetColumn = { key: string; header: string; width: number; isYuan?: boolean }

/** Ends a sheet: written out by the streaming writer; nothing to do in an in-memory workbook. */
export const commitSheet = (sheet: ExcelJS.Worksheet) => (sheet as { commit?: () => void }).commit?.()

/**
 * One style object per column, shared by every cell below the header. exceljs gives each new cell
 * a style object of its own and then looks each one up in its style table, which costs more than
 * writing the cell; a style object it has seen before it finds at once (by identity).
 */
const columnStyles = (columns: readonly SheetColumn[]): Partial<ExcelJS.Style>[] =>
  columns.map((column) => (column.isYuan ? { numFmt: YUAN_FORMAT } : {}))

/** A sheet whose first row, frozen and bold, holds the columns' headers. */
export const addSheetWithHeader = (workbook: WorkbookWriter, name: string, columns: readonly SheetColumn[]) => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    ...(c.isYuan ? { style: { numFmt: YUAN_FORMAT } } : {}),
  }))
  const header = sheet.addRow(toCells(columns.map((c) => c.header)))
  header.font = { bold: true }
  header.commit()
  return sheet
}

/** A row's cells in the columns' order, every text cell made inert (xlsx-cells.ts). */
export const inColumnOrder = <K extends string>(
  columns: readonly { key: K }[],
  row: Record<K, PlainCell>,
): PlainCell[] => toCells(columns.map((column) => row[column.key]))

/**
 * A sheet of records read in batches: the header, then each record's rows (none, one or several),
 * each committed as soon as it is written, so the sheet is never held in memory.
 */
export const writeSheet = async <T, K extends string>(
  workbook: WorkbookWriter,
  {
    name,
    columns,
    batches,
    rowsOf,
    written,
  }: {
    name: string
    columns: readonly (SheetColumn & { key: K })[]
    batches: AsyncIterable<readonly T[]>
    rowsOf: (record: T) => readonly Record<K, PlainCell>[]
    /** Told of each record once its rows are in the sheet, with how many there were. */
    written?: (record: T, rowCount: number) => void
  },
) => {
  const sheet = addSheetWithHeader(workbook, name, columns)
  const styles = columnStyles(columns)
  for await (const batch of batches) {
    for (const record of batch) {
      const rows = rowsOf(record)
      for (const row of rows) {
        const added = sheet.addRow(inColumnOrder(columns, row))
        // Every column's cell, blank ones too: a blank yuan cell keeps the format for what is typed in.
        added.eachCell({ includeEmpty: true }, (cell, column) => {
          cell.style = styles[column - 1] ?? {}
        })
        added.commit()
      }
      written?.(record, rows.length)
    }
  }
  sheet.commit()
}

export type AuditedWorkbook = {
  ctx: ServiceContext
  output: Writable
  /** Writes the sheets (committing each), reading in batches through keysetBatches. */
  write: (workbook: WorkbookWriter) => Promise<void>
  /** The export's audit entry: `export.donationLedger` on `Export` `donation-ledger`, say. */
  audit: {
    action: string
    entityId: string
    /** The filters and what was written so far (isComplete is added). */
    details: () => Record<string, unknown>
  }
  /** Whether any row has reached the output, so that a failure must be audited too. */
  hasWritten: () => boolean
}

/** Writes a workbook into `output` and audits it: before completing it, or when it is cut short. */
export const writeAuditedWorkbook = async ({ ctx, output, write, audit, hasWritten }: AuditedWorkbook) => {
  const WorkbookWriter = await loadWorkbookWriter()
  const workbook = new WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
  workbook.creator = '党日帮扶台账'
  const record = (isComplete: boolean) =>
    writeAudit(ctx, {
      action: audit.action,
      entityType: 'Export',
      entityId: audit.entityId,
      after: { ...audit.details(), isComplete },
    })
  try {
    await write(workbook)
    await record(true)
    // Finishing the zip waits for the output to take it all; a client gone by then must not leave
    // the export waiting for ever.
    await Promise.race([workbook.commit(), closedEarly(output)])
  } catch (error) {
    // Whatever was sent before the failure is on record too.
    if (hasWritten() || error instanceof ExportAbortedError)
      await record(false).catch((auditError: unknown) =>
        ctx.log.error({ err: auditError }, 'could not audit an interrupted export'),
      )
    throw error
  }
}
