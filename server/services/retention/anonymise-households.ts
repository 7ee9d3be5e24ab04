// Retention (docs/retention.md): a household whose monitoring ended more than N years ago keeps
// its place in the ledger's totals, but loses everything that identifies a person: names, ID
// numbers, phones, health, and the free text of visits and needs (which often names people).
// Money, goods, categories and dates stay, so that every total and report still adds up.
// Each household is anonymised in its own transaction; a run can be stopped and run again, and
// a household that fails is reported and skipped, not allowed to stop the others. A household
// is due only once its end date has been on record for GRACE_DAYS, so that a mistyped date can be
// corrected first. The photos of its visits, donations and handovers are deleted with their files
// (household-photos.ts), and so are the signatures its handovers were signed for with
// (household-signatures.ts); the handovers keep their state and amounts.
import { dateOnlyToDate, shanghaiDate } from '../../../common/dates'
import type { Db } from '../../db/client'
import type { PhotoStorage } from '../photos/storage'
import {
  deleteHouseholdPhotos,
  householdPhotosWhere,
  lockHouseholdPhotoHashes,
  removeUnusedFiles,
} from './household-photos'
import { deleteHouseholdSignatures, householdSignaturesWhere, removeUnusedSignatureFiles } from './household-signatures'

export type RetentionReport = {
  /** Households whose monitoring ended before this day are anonymised. */
  endedBefore: string
  anonymised: number
  /** Photos of their visits, donations and handovers deleted (in a dry run: that would be). */
  photosRemoved: number
  /** Signatures of their handovers deleted (in a dry run: that would be). */
  signaturesRemoved: number
  /** Due households that could not be anonymised, and why (they are tried again next run). */
  failed: { householdId: string; error: string }[]
  isDryRun: boolean
}

/** Days an end date must have been on record before retention acts on it. */
export const GRACE_DAYS = 30

const ANONYMISED_NAME = '（已匿名）'

/** The day N years before `today` (29 February becomes 28 February in a common year). */
export const yearsBefore = (today: string, years: number): string => {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y - years, m - 1, d))
  if (day.getUTCMonth() !== m - 1) day.setUTCDate(0)
  return day.toISOString().slice(0, 10)
}

type Due = { endedBefore: Date; recordedBefore: Date }

/** Time for one household's transaction: its photos' files may be deleted one S3 call at a time. */
const TRANSACTION_TIMEOUT_MS = 60_000

/**
 * Anonymises one household if it is still due, checked under a row lock; returns how many photos
 * and handover signatures went with it, or null when it was no longer due.
 */
const anonymiseOne = (
  prisma: Db,
  householdId: string,
  { endedBefore, recordedBefore }: Due,
  now: Date,
  storage: PhotoStorage | undefined,
) =>
  prisma.$transaction(
    async (tx) => {
      await lockHouseholdPhotoHashes(tx, householdId)
      // Its end date may have been corrected since the run listed it; and writers of new records
      // about it hold this row FOR SHARE (household-open.ts), so none can slip in meanwhile.
      const [row] = await tx.$queryRaw<{ isDue: boolean }[]>`
      SELECT ("anonymisedAt" IS NULL AND "monitoringEndedOn" < ${endedBefore}
              AND "monitoringEndedRecordedAt" < ${recordedBefore}) AS "isDue"
        FROM "Household" WHERE "id" = ${householdId}::uuid FOR UPDATE`
      if (!row?.isDue) return null
      const members = await tx.householdMember.findMany({
        where: { householdId },
        orderBy: { sortOrder: 'asc' },
        select: { id: true },
      })
      for (const [i, member] of members.entries()) {
        await tx.householdMember.update({
          where: { id: member.id },
          data: {
            name: `成员${i + 1}`,
            idNumberEnc: null,
            idNumberHash: null,
            idNumberMask: null,
            healthEnc: null,
            workInfo: null,
          },
        })
      }
      await tx.visit.updateMany({
        where: { householdId },
        data: { healthEnc: null, livingConditions: null, difficulties: null },
      })
      await tx.need.updateMany({ where: { householdId }, data: { description: ANONYMISED_NAME } })
      await tx.donation.updateMany({ where: { householdId }, data: { note: null } })
      await tx.needEvent.updateMany({ where: { need: { householdId } }, data: { note: null } })
      const photos = await deleteHouseholdPhotos(tx, householdId)
      const signatures = await deleteHouseholdSignatures(tx, householdId)
      // A resident's account stays, but no longer opens a household that is no longer theirs to see.
      await tx.user.updateMany({ where: { householdId }, data: { householdId: null } })
      await tx.household.update({
        where: { id: householdId },
        data: {
          // Unique (the uuid's random tail, not its time-ordered head) and within the code's 32 characters.
          code: `X-${householdId.replace(/-/g, '').slice(-30)}`,
          headName: ANONYMISED_NAME,
          idNumberEnc: null,
          idNumberHash: null,
          idNumberMask: null,
          phoneEnc: null,
          phoneMask: null,
          notes: null,
          anonymisedAt: now,
          version: { increment: 1 },
        },
      })
      await tx.auditLog.create({
        data: {
          actorId: null,
          action: 'retention.anonymise',
          entityType: 'Household',
          entityId: householdId,
          after: {
            anonymisedAt: now.toISOString(),
            members: members.length,
            photos: photos.removed,
            signatures: signatures.removed,
          },
        },
      })
      // Last, so that nothing after it can roll the transaction back (docs/photos.md, "Removal").
      await removeUnusedFiles(storage, photos.unusedHashes)
      await removeUnusedSignatureFiles(storage, signatures.unusedHashes)
      return { photos: photos.removed, signatures: signatures.removed }
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  )

const DAY_MS = 86_400_000

/**
 * Operational rows that outlive their use: sessions a month past their end, attempts a month past
 * any lockout window, retry keys after a week (longer than any offline queue waits).
 */
export const pruneOperationalRecords = async (prisma: Db, now = new Date()) => {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const [sessions, attempts, retryKeys] = await Promise.all([
    prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lt: ago(30) } }, { revokedAt: { lt: ago(30) } }] } }),
    prisma.authAttempt.deleteMany({ where: { createdAt: { lt: ago(30) } } }),
    prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: ago(7) } } }),
  ])
  return { sessions: sessions.count, attempts: attempts.count, retryKeys: retryKeys.count }
}

/** Each household in its own transaction; one that fails is reported and the others go ahead. */
const anonymiseAll = async (prisma: Db, due: { id: string }[], cutoffs: Due, storage: PhotoStorage | undefined) => {
  const failed: RetentionReport['failed'] = []
  let anonymised = 0
  let photosRemoved = 0
  let signaturesRemoved = 0
  const now = new Date()
  for (const { id } of due) {
    try {
      const removed = await anonymiseOne(prisma, id, cutoffs, now, storage)
      if (removed === null) continue
      anonymised += 1
      photosRemoved += removed.photos
      signaturesRemoved += removed.signatures
    } catch (error) {
      failed.push({
        householdId: id,
        error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      })
    }
  }
  return { anonymised, photosRemoved, signaturesRemoved, failed }
}

export const anonymiseExpiredHouseholds = async (
  prisma: Db,
  {
    years,
    today = shanghaiDate(),
    isDryRun = false,
    photos,
  }: {
    years: number
    today?: string
    isDryRun?: boolean
    /** Where photo and signature files are kept; unset: the rows go, their files stay (as photo.remove). */
    photos?: PhotoStorage | undefined
  },
): Promise<RetentionReport> => {
  const endedBefore = yearsBefore(today, years)
  const cutoffs: Due = {
    endedBefore: dateOnlyToDate(endedBefore),
    recordedBefore: new Date(dateOnlyToDate(today).getTime() - GRACE_DAYS * DAY_MS),
  }
  const due = await prisma.household.findMany({
    where: {
      anonymisedAt: null,
      monitoringEndedOn: { lt: cutoffs.endedBefore },
      monitoringEndedRecordedAt: { lt: cutoffs.recordedBefore },
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  if (isDryRun) {
    const ids = due.map((h) => h.id)
    const photosRemoved = await prisma.photo.count({ where: householdPhotosWhere(ids) })
    const signaturesRemoved = await prisma.handoverSignature.count({ where: householdSignaturesWhere(ids) })
    return { endedBefore, anonymised: due.length, photosRemoved, signaturesRemoved, failed: [], isDryRun }
  }
  return { endedBefore, ...(await anonymiseAll(prisma, due, cutoffs, photos)), isDryRun }
}
