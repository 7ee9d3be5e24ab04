// The village list import (docs/exports.md, "Import · 村名单"): an administrator uploads the
// villages of a county, a city or a province, filled into our template; a dry run reports every
// problem by row and column; a commit writes every new village, or none.
//   - Rows are checked as village.create checks a village (village-import-check.ts).
//   - The commit runs in ONE transaction under the caller's retry key (runIdempotent), as a tRPC
//     mutation does, under the lock every village write takes (village-codes.ts), and re-checks
//     the file there: a repeat with the same key answers the first result; a crash leaves nothing.
import type { VillageImportCheck, VillageImportIssue } from '../../../common/contracts/village/village-import'
import type { Context } from '../../context'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { runIdempotent } from '../idempotency'
import type { ServiceContext } from '../service-context'
import { lockVillageCodes } from '../villages/village-codes'
import { checkVillages } from './village-import-check'
import type { ParsedVillages } from './village-import-read'

/** What a dry run answers: the check, without the villages themselves. */
export const dryRunVillages = async ({ db, parsed }: { db: Tx; parsed: ParsedVillages }) => {
  const { inputs: _inputs, ...check } = await checkVillages({ db, parsed })
  return { mode: 'dry-run' as const, ...check, canCommit: check.errorCount === 0 }
}

export type VillageImportResult = {
  mode: 'commit'
  digest: string
  counts: VillageImportCheck['counts']
  villageIds: string[]
  warningCount: number
  warnings: VillageImportIssue[]
}

/** A province's list in one statement takes a second or two; a form's 15 s would do, with room. */
const COMMIT_TIMEOUT_MS = 60_000

/**
 * Re-checks the file inside the transaction and writes every new village, or nothing: a check that
 * finds errors rolls back and answers IMPORT_HAS_ERRORS with the report. Under the caller's retry
 * key: the same clientMutationId answers the first result.
 */
export const commitVillages = async ({
  ctx,
  clientMutationId,
  parsed,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  clientMutationId: string
  parsed: ParsedVillages
}): Promise<VillageImportResult> => {
  type Step = { ok: true; data: VillageImportResult } | { ok: false; report: VillageImportCheck }
  const outcome = await runIdempotent<Step>({
    prisma: ctx.prisma,
    crypto: ctx.crypto,
    userId: ctx.actor.userId,
    procedure: 'import.villages',
    // The file is named by its digest: the same key with another file is refused as reused.
    rawInput: { clientMutationId, digest: parsed.digest },
    timeoutMs: COMMIT_TIMEOUT_MS,
    run: async (tx) => {
      await lockVillageCodes(tx)
      const { inputs, ...check } = await checkVillages({ db: tx, parsed })
      if (check.errorCount) return { ok: false, report: check }
      const created = inputs.length
        ? await tx.village.createManyAndReturn({ data: inputs, select: { id: true, adminCode: true } })
        : []
      await writeAudit(
        { ...ctx, db: tx },
        {
          action: 'village.import',
          entityType: 'VillageImport',
          entityId: clientMutationId,
          after: {
            digest: parsed.digest,
            createdCount: created.length,
            alreadyPresentCount: check.counts.alreadyPresent,
            warningCount: check.warningCount,
            adminCodes: created.map((v) => v.adminCode),
          },
        },
      )
      return {
        ok: true,
        data: {
          mode: 'commit',
          digest: parsed.digest,
          counts: check.counts,
          villageIds: created.map((v) => v.id),
          warningCount: check.warningCount,
          warnings: check.warnings,
        },
      }
    },
  })
  if (!outcome.ok) throw new VillageImportHasErrors(outcome.report)
  return outcome.data
}

/** The commit found errors: nothing was written; the report says where. */
export class VillageImportHasErrors extends AppError {
  constructor(readonly report: VillageImportCheck) {
    super('IMPORT_HAS_ERRORS')
  }
}
