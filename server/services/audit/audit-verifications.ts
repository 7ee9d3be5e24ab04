// Each check of the audit chain is recorded (AuditVerification): the log viewer shows the latest
// at its top, and a failed or overdue one is an administrator's to-do. The command line
// (npm run audit:verify) and an administrator in the app both record theirs here.
import type { Tx } from '../../db/client'
import type { ServiceContext } from '../service-context'
import { type ChainReport, verifyAuditChain } from './verify-chain'
import { writeAudit } from './write-audit'

export const recordVerification = (db: Tx, report: ChainReport, byUserId: string | null) => {
  const [headSeq, headHash] = report.head?.split(':') ?? []
  return db.auditVerification.create({
    data: {
      isIntact: report.firstBroken === null,
      entriesChecked: report.entries,
      headSeq: headSeq ? BigInt(headSeq) : null,
      headHash: headHash ?? null,
      brokenAtSeq: report.firstBroken ? BigInt(report.firstBroken.chainSeq) : null,
      problem: report.firstBroken?.reason ?? null,
      byUserId,
    },
  })
}

type VerificationRow = Awaited<ReturnType<typeof recordVerification>>

const toView = (row: VerificationRow | null) =>
  row && {
    verifiedAt: row.verifiedAt,
    isIntact: row.isIntact,
    entriesChecked: row.entriesChecked,
    head: row.headSeq === null ? null : `${row.headSeq}:${row.headHash}`,
    brokenAtSeq: row.brokenAtSeq?.toString() ?? null,
    problem: row.problem as 'gap' | 'prevHash' | 'hash' | 'headMissing' | null,
    byUserId: row.byUserId,
  }

export const latestVerification = async ({ ctx }: { ctx: ServiceContext }) =>
  toView(await ctx.db.auditVerification.findFirst({ orderBy: { id: 'desc' } }))

/** Walks the chain now, records the outcome and logs who asked. */
export const verifyAuditNow = async ({ ctx }: { ctx: ServiceContext }) => {
  const report = await verifyAuditChain(ctx.db)
  const row = await recordVerification(ctx.db, report, ctx.actor.userId)
  await writeAudit(ctx, {
    action: 'audit.verify',
    entityType: 'AuditVerification',
    entityId: row.id.toString(),
    after: { isIntact: row.isIntact, entriesChecked: row.entriesChecked },
  })
  return toView(row)
}
