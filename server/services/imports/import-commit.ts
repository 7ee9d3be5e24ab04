// How every spreadsheet import answers a dry run and writes a commit. The commit runs in ONE
// transaction under the caller's retry key (runIdempotent), as a tRPC mutation does, bound to the
// file's digest: a repeat with the same key answers the first result, the same key with another
// file is refused as reused, and a crash mid-way leaves nothing. It re-checks the file inside:
// a check that finds errors rolls back, and IMPORT_HAS_ERRORS carries the report.
import type { CommitOf, ImportReport } from '../../../common/contracts/import/import-report'
import type { Context } from '../../context'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { runIdempotent } from '../idempotency'
import type { ServiceContext } from '../service-context'

/** What a dry run answers: the check's report, and whether the file may be committed as it is. */
export const dryRunOf = <R extends { errorCount: number }>(report: R) => ({
  mode: 'dry-run' as const,
  ...report,
  canCommit: report.errorCount === 0,
})

/** What a commit answers besides what it wrote: the file, its counts, and the warnings it was committed with. */
export const committed = <Counts, Code extends string>(check: ImportReport<Counts, Code>): CommitOf<Counts, Code> => ({
  mode: 'commit',
  digest: check.digest,
  counts: check.counts,
  warningCount: check.warningCount,
  warnings: check.warnings,
})

/** The commit found errors: nothing was written; the report says where. */
export class ImportHasErrors<Report extends object = object> extends AppError {
  constructor(readonly report: Report) {
    super('IMPORT_HAS_ERRORS')
  }
}

export type CommitStep<Data, Report> = { ok: true; data: Data } | { ok: false; report: Report }

export const commitImport = async <Data, Report extends object>({
  ctx,
  procedure,
  clientMutationId,
  digest,
  boundTo = {},
  timeoutMs,
  guard,
  run,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  /** The key's procedure name, `import.householdRoster`. */
  procedure: string
  clientMutationId: string
  digest: string
  /** What the key is bound to besides the file: the village a roster goes into. */
  boundTo?: Record<string, string>
  /** A whole file takes longer than a form's transaction. */
  timeoutMs: number
  /** Runs before each real execution (never a replay), outside the transaction. */
  guard?: (execute: () => Promise<CommitStep<Data, Report>>) => Promise<CommitStep<Data, Report>>
  /** Re-checks the file and writes it, in the transaction: `txCtx` is the caller's context on it. */
  run: (txCtx: ServiceContext, tx: Tx) => Promise<CommitStep<Data, Report>>
}): Promise<Data> => {
  const outcome = await runIdempotent<CommitStep<Data, Report>>({
    prisma: ctx.prisma,
    crypto: ctx.crypto,
    userId: ctx.actor.userId,
    procedure,
    rawInput: { clientMutationId, ...boundTo, digest },
    timeoutMs,
    guard,
    run: (tx) => run({ ...ctx, db: tx }, tx),
  })
  if (!outcome.ok) throw new ImportHasErrors(outcome.report)
  return outcome.data
}
