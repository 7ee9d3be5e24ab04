// `npm run audit:verify [-- --expect-head <seq>:<hash>]`: checks the audit log's hash chain, on
// DATABASE_URL or the embedded database, and reports the first broken link, and the head to keep
// for next time. With --expect-head, also that an earlier head is still there (nothing was cut
// off the end). Exit code 1 when the chain is broken.
import { verifyAuditChain } from '../server/services/audit/verify-chain'
import { runOnToolDatabase } from './tool-database'

const at = process.argv.indexOf('--expect-head')
const expectedHead = at > 0 ? process.argv[at + 1] : undefined
if (at > 0 && !/^\d+:[0-9a-f]{64}$/.test(expectedHead ?? '')) {
  console.error('--expect-head takes the head an earlier run printed: <chainSeq>:<64 hex digits>')
  process.exit(2)
}

await runOnToolDatabase(async (prisma) => {
  const report = await verifyAuditChain(prisma, { expectedHead })
  if (report.firstBroken) {
    const { chainSeq, entryId, reason } = report.firstBroken
    const why = {
      gap: 'a missing entry before it',
      prevHash: 'it does not point at the entry before it',
      hash: 'its content no longer matches its hash',
      headMissing: 'the expected head is no longer in the chain (entries were removed from its end, or rewritten)',
    }[reason]
    console.log(
      reason === 'headMissing'
        ? `Audit chain BROKEN: entry #${chainSeq}: ${why}. The ${report.entries} entries still there verify.`
        : `Audit chain BROKEN at entry #${chainSeq} (id ${entryId}): ${why}. ${report.entries} entries before it verify.`,
    )
  } else {
    console.log(
      `Audit chain intact: ${report.entries} entries verified${report.unlinked ? `, ${report.unlinked} not linked yet (uncommitted)` : ''}.`,
    )
  }
  if (report.head) console.log(`Head: ${report.head} (keep it elsewhere; check later with --expect-head)`)
  return report.firstBroken ? 1 : 0
})
