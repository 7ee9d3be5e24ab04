// The 困难户花名册 import (docs/exports.md "Import"): a cadre uploads the roster they
// already keep, filled into our template; a dry run reports every problem by sheet, row and column;
// a commit writes every household, or none.
//   - The file is read by household-roster-read.ts and checked by household-roster-check.ts, with
//     the household create procedure's own rules.
//   - The commit writes through insertHousehold, the service the create procedure uses: scope,
//     encryption, blind indexes, duplicate checks and audit all apply. It runs in ONE transaction
//     under the caller's retry key (runIdempotent), as a tRPC mutation does: a repeat with the same
//     key answers the first result; a crash mid-way leaves nothing.
import type { ImportIssue, RosterCheck } from '../../../common/contracts/import/household-roster-import'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { insertHousehold } from '../households/create-household'
import { runIdempotent } from '../idempotency'
import type { ServiceContext } from '../service-context'
import { checkRoster } from './household-roster-check'
import type { ParsedRoster } from './household-roster-read'

export { type ParsedRoster, parseRosterFile } from './household-roster-read'

/** What a dry run answers: the check, without the households themselves. */
export const dryRunRoster = async (options: { ctx: ServiceContext; villageId: string; parsed: ParsedRoster }) => {
  const { inputs: _inputs, ...check } = await checkRoster(options)
  return { mode: 'dry-run' as const, ...check, canCommit: check.errorCount === 0 }
}

export type RosterCommitResult = {
  mode: 'commit'
  digest: string
  counts: RosterCheck['counts']
  householdIds: string[]
  warningCount: number
  warnings: ImportIssue[]
}

/** A whole roster can take a while: longer than a form's transaction. */
const COMMIT_TIMEOUT_MS = 180_000

/**
 * Re-checks the file inside the transaction and writes every household through insertHousehold,
 * or nothing: a check that finds errors rolls back and answers IMPORT_HAS_ERRORS with the report.
 * Under the caller's retry key: the same clientMutationId answers the first result.
 */
export const commitRoster = async ({
  ctx,
  villageId,
  clientMutationId,
  parsed,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  villageId: string
  clientMutationId: string
  parsed: ParsedRoster
}): Promise<RosterCommitResult> => {
  type Step = { ok: true; data: RosterCommitResult } | { ok: false; report: RosterCheck }
  const outcome = await runIdempotent<Step>({
    prisma: ctx.prisma,
    crypto: ctx.crypto,
    userId: ctx.actor.userId,
    procedure: 'import.householdRoster',
    // The file is named by its digest: the same key with another file is refused as reused.
    rawInput: { clientMutationId, villageId, digest: parsed.digest },
    timeoutMs: COMMIT_TIMEOUT_MS,
    run: async (tx) => {
      const txCtx: ServiceContext = { ...ctx, db: tx }
      const { inputs, ...check } = await checkRoster({ ctx: txCtx, villageId, parsed })
      if (check.errorCount) return { ok: false, report: check }
      const householdIds: string[] = []
      for (const input of inputs) householdIds.push(await insertHousehold({ ctx: txCtx, input }))
      await writeAudit(txCtx, {
        action: 'household.import',
        entityType: 'HouseholdImport',
        entityId: clientMutationId,
        after: {
          villageId,
          digest: parsed.digest,
          householdCount: check.counts.households,
          memberCount: check.counts.members,
          riskCount: check.counts.risks,
          warningCount: check.warningCount,
        },
      })
      return {
        ok: true,
        data: {
          mode: 'commit',
          digest: parsed.digest,
          counts: check.counts,
          householdIds,
          warningCount: check.warningCount,
          warnings: check.warnings,
        },
      }
    },
  })
  if (!outcome.ok) throw new ImportHasErrors(outcome.report)
  return outcome.data
}

/** The commit found errors: nothing was written; the report says where. */
export class ImportHasErrors extends AppError {
  constructor(readonly report: RosterCheck) {
    super('IMPORT_HAS_ERRORS')
  }
}
