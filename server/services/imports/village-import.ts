// The village list import (docs/exports.md, "Import · 村名单"): an administrator uploads the
// villages of a county, a city or a province, filled into our template; a dry run reports every
// problem by row and column; a commit writes every new village, or none.
//   - Rows are checked as village.create checks a village (village-import-check.ts).
//   - The commit runs as every import's commit does (import-commit.ts), once per retry key and all
//     or nothing, under the lock every village write takes (village-codes.ts).

import type { CommitOf } from '../../../common/contracts/import/import-report'
import type { VillageImportCheck, VillageImportIssueCode } from '../../../common/contracts/village/village-import'
import type { Context } from '../../context'
import type { Tx } from '../../db/client'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { lockVillageCodes } from '../villages/village-codes'
import { commitImport, committed, dryRunOf } from './import-commit'
import { checkVillages } from './village-import-check'
import type { ParsedVillages } from './village-import-read'

/** What a dry run answers: the check, without the villages themselves. */
export const dryRunVillages = async ({ db, parsed }: { db: Tx; parsed: ParsedVillages }) => {
  const { inputs: _inputs, ...check } = await checkVillages({ db, parsed })
  return dryRunOf(check)
}

export type VillageImportResult = CommitOf<VillageImportCheck['counts'], VillageImportIssueCode> & {
  villageIds: string[]
}

/** Re-checks the file inside the transaction and writes every new village, or nothing. */
export const commitVillages = ({
  ctx,
  clientMutationId,
  parsed,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  clientMutationId: string
  parsed: ParsedVillages
}) =>
  commitImport<VillageImportResult, VillageImportCheck>({
    ctx,
    procedure: 'import.villages',
    clientMutationId,
    digest: parsed.digest,
    // A province's list in one statement takes a second or two; a form's 15 s would do, with room.
    timeoutMs: 60_000,
    run: async (txCtx, tx) => {
      await lockVillageCodes(tx)
      const { inputs, ...check } = await checkVillages({ db: tx, parsed })
      if (check.errorCount) return { ok: false, report: check }
      const created = inputs.length
        ? await tx.village.createManyAndReturn({ data: inputs, select: { id: true, adminCode: true } })
        : []
      await writeAudit(txCtx, {
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
      })
      return { ok: true, data: { ...committed(check), villageIds: created.map((v) => v.id) } }
    },
  })
