// The 困难户花名册 import (docs/exports.md "Import"): a cadre uploads the roster they
// already keep, filled into our template; a dry run reports every problem by sheet, row and column;
// a commit writes every household, or none.
//   - The file is read by household-roster-read.ts and checked by household-roster-check.ts, with
//     the household create procedure's own rules.
//   - The commit writes through insertHousehold, the service the create procedure uses: scope,
//     encryption, blind indexes, duplicate checks and audit all apply. It runs as every import's
//     commit does (import-commit.ts): once per retry key, all or nothing.
import type { ImportIssueCode, RosterCheck } from '../../../common/contracts/import/household-roster-import'
import type { CommitOf } from '../../../common/contracts/import/import-report'
import type { Context } from '../../context'
import { writeAudit } from '../audit/write-audit'
import { insertHousehold } from '../households/create-household'
import type { ServiceContext } from '../service-context'
import { checkRoster } from './household-roster-check'
import type { ParsedRoster } from './household-roster-read'
import { commitImport, committed, dryRunOf } from './import-commit'

export { type ParsedRoster, parseRosterFile } from './household-roster-read'

/** What a dry run answers: the check, without the households themselves. */
export const dryRunRoster = async (options: { ctx: ServiceContext; villageId: string; parsed: ParsedRoster }) => {
  const { inputs: _inputs, ...check } = await checkRoster(options)
  return dryRunOf(check)
}

export type RosterCommitResult = CommitOf<RosterCheck['counts'], ImportIssueCode> & { householdIds: string[] }

/**
 * Re-checks the file inside the transaction and writes every household through insertHousehold,
 * or nothing. The key is bound to the village and the file.
 */
export const commitRoster = ({
  ctx,
  villageId,
  clientMutationId,
  parsed,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  villageId: string
  clientMutationId: string
  parsed: ParsedRoster
}) =>
  commitImport<RosterCommitResult, RosterCheck>({
    ctx,
    procedure: 'import.householdRoster',
    clientMutationId,
    digest: parsed.digest,
    boundTo: { villageId },
    // A whole roster can take a while: longer than a form's transaction.
    timeoutMs: 180_000,
    run: async (txCtx) => {
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
      return { ok: true, data: { ...committed(check), householdIds } }
    },
  })
