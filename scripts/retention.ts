// `npm run retention -- [--years N] [--dry-run]`: anonymises households whose monitoring ended
// more than N years ago (RETENTION_YEARS, default 5; docs/retention.md). Run it from cron, e.g.
// monthly. On the embedded database, stop `npm start` first. The photos of the households'
// visits and donations, and the signatures of their handovers, are deleted too, with their files
// from the server's photo store (DATA_DIR/photos, or the S3 bucket when S3_* is set;
// docs/photos.md); the handovers keep their amounts.
import { createPrismaClient } from '../server/db/client'
import { parseEnv } from '../server/env'
import { photoStorageFromEnv } from '../server/services/photos/storage'
import {
  anonymiseExpiredHouseholds,
  GRACE_DAYS,
  pruneOperationalRecords,
} from '../server/services/retention/anonymise-households'
import { openToolDatabase } from './tool-database'

const argument = (name: string) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}

const main = async () => {
  const env = parseEnv()
  const years = Number(argument('--years') ?? env.RETENTION_YEARS)
  if (!Number.isInteger(years) || years < 1) throw new Error('--years must be a whole number of years, at least 1')
  const isDryRun = process.argv.includes('--dry-run')
  const database = await openToolDatabase(env, (line) => console.log(line))
  const prisma = createPrismaClient({ url: database.url, poolSize: 2 })
  try {
    const photos = photoStorageFromEnv(env)
    const report = await anonymiseExpiredHouseholds(prisma, { years, isDryRun, photos })
    console.log(
      `${report.isDryRun ? 'Would anonymise' : 'Anonymised'} ${report.anonymised} households whose monitoring ended before ${report.endedBefore} (${years} years), recorded at least ${GRACE_DAYS} days ago.`,
    )
    console.log(
      `${report.isDryRun ? 'Would delete' : 'Deleted'} ${report.photosRemoved} photos of their visits and donations and ${report.signaturesRemoved} signatures of their handovers (files in ${photos.kind === 's3' ? 'the S3 bucket' : 'DATA_DIR/photos'}).`,
    )
    for (const { householdId, error } of report.failed) console.error(`Could not anonymise ${householdId}: ${error}`)
    if (report.failed.length) process.exitCode = 1
    if (!isDryRun) {
      const pruned = await pruneOperationalRecords(prisma)
      console.log(
        `Deleted ${pruned.sessions} old sessions, ${pruned.attempts} old sign-in attempts and ${pruned.retryKeys} old retry keys.`,
      )
    }
  } finally {
    await prisma.$disconnect()
    await database.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
