// `npm run audit:verify`: checks the audit log's hash chain, on DATABASE_URL or the embedded
// database, and reports the first broken link. Exit code 1 when the chain is broken.
import path from 'node:path'
import { createPrismaClient } from '../server/db/client'
import { openDatabase } from '../server/db/database'
import { verifyAuditChain } from '../server/services/audit/verify-chain'

const database = await openDatabase(
  { DATABASE_URL: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || './data') },
  () => {},
)
const prisma = createPrismaClient({ url: database.url, poolSize: 2 })
try {
  const report = await verifyAuditChain(prisma)
  if (report.firstBroken) {
    const { chainSeq, entryId, reason } = report.firstBroken
    const why = {
      gap: 'a missing entry before it',
      prevHash: 'it does not point at the entry before it',
      hash: 'its content no longer matches its hash',
    }[reason]
    console.log(
      `Audit chain BROKEN at entry #${chainSeq} (id ${entryId}): ${why}. ${report.entries} entries before it verify.`,
    )
  } else {
    console.log(
      `Audit chain intact: ${report.entries} entries verified${report.unlinked ? `, ${report.unlinked} not linked yet (uncommitted)` : ''}.`,
    )
  }
  process.exitCode = report.firstBroken ? 1 : 0
} finally {
  await prisma.$disconnect()
  await database.stop()
}
