// The signatures of an anonymised household's handovers: a recipient's signature (签字 on a cadre's
// phone, HandoverSignature) is personal data as much as a name, so it goes when the names go, its
// row and its file in the photo store (docs/retention.md). The handover itself stays, 已签收 as it
// was, with every amount: the 对账 and every total are unchanged. Files are kept by content hash
// ("signatures/<sha256>"): one goes only with the last signature of its hash, under the hash's
// lock (which handover.sign takes too), and only as the transaction's last step.
import type { Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { lockSignatureHash, signatureKey } from '../handovers/signature-image'
import type { PhotoStorage } from '../photos/storage'

/** The signatures of the households' handovers. */
export const householdSignaturesWhere = (householdIds: string[]): Prisma.HandoverSignatureWhereInput => ({
  handover: { householdId: { in: householdIds } },
})

/**
 * Deletes the signatures of the household's handovers, each audited as retention audits (no actor,
 * no 签字人 name). Returns how many went, and the hashes no signature uses any more, whose files
 * removeUnusedSignatureFiles deletes last. The household's row is already locked FOR UPDATE, so
 * no new signature for it can commit meanwhile.
 */
export const deleteHouseholdSignatures = async (tx: Tx, householdId: string) => {
  const signatures = await tx.handoverSignature.findMany({
    where: householdSignaturesWhere([householdId]),
    select: { id: true, handoverId: true, sha256: true, width: true, height: true, bytes: true, signedAt: true },
    orderBy: [{ sha256: 'asc' }, { id: 'asc' }],
  })
  const unusedHashes = new Set<string>()
  for (const signature of signatures) {
    await lockSignatureHash(tx, signature.sha256)
    await tx.handoverSignature.delete({ where: { id: signature.id } })
    if ((await tx.handoverSignature.count({ where: { sha256: signature.sha256 } })) === 0) {
      unusedHashes.add(signature.sha256)
    }
    await tx.auditLog.create({
      data: {
        actorId: null,
        action: 'retention.signature.remove',
        entityType: 'HandoverSignature',
        entityId: signature.id,
        before: { ...signature, signedAt: signature.signedAt.toISOString() },
      },
    })
  }
  return { removed: signatures.length, unusedHashes: [...unusedHashes] }
}

/** The files of hashes no signature uses any more; unset storage: the files stay. */
export const removeUnusedSignatureFiles = async (storage: PhotoStorage | undefined, hashes: string[]) => {
  if (!storage) return
  for (const sha256 of hashes) await storage.delete(signatureKey(sha256))
}
