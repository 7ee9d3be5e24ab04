// Walks the audit log's hash chain (see the audit trail migration) and reports the first broken
// link: a gap in the sequence, an entry whose prevHash is not its predecessor's hash, or an entry
// whose content no longer matches its hash.
//
// The chain proves that no entry inside it was changed or removed; it cannot prove that none was
// cut off its end. For that, the head (the last entry's number and hash) is printed, to be kept
// somewhere else; checking with `expectedHead` then fails when that entry is gone or changed.
import type { Tx } from '../../db/client'

export type BrokenLink = {
  chainSeq: string
  entryId: string
  reason: 'gap' | 'prevHash' | 'hash' | 'headMissing'
}

/** The last linked entry: "<chainSeq>:<hash>". */
export type ChainHead = string

export type ChainReport = {
  /** Linked entries checked. */
  entries: number
  /** Entries not linked yet (their transaction has not committed); expected to be 0 at rest. */
  unlinked: number
  firstBroken: BrokenLink | null
  head: ChainHead | null
}

type Row = { chainSeq: bigint; id: bigint; prevHash: string; hash: string; expected: string }

export const verifyAuditChain = async (
  db: Tx,
  { batchSize = 5000, expectedHead }: { batchSize?: number; expectedHead?: ChainHead | undefined } = {},
): Promise<ChainReport> => {
  const [expectedSeq, expectedHash] = expectedHead?.split(':') ?? []
  let isExpectedHeadSeen = false
  let entries = 0
  let previous: { seq: bigint; hash: string } = { seq: 0n, hash: 'genesis' }
  for (;;) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT "chainSeq", "id", "prevHash", "hash", "audit_entry_hash"("prevHash", a) AS expected
        FROM "AuditLog" a
       WHERE "chainSeq" > ${previous.seq}
       ORDER BY "chainSeq"
       LIMIT ${batchSize}`
    for (const row of rows) {
      const reason: BrokenLink['reason'] | null =
        row.chainSeq !== previous.seq + 1n
          ? 'gap'
          : row.prevHash !== previous.hash
            ? 'prevHash'
            : row.hash !== row.expected
              ? 'hash'
              : null
      if (reason) {
        const unlinked = await countUnlinked(db)
        return {
          entries,
          unlinked,
          firstBroken: { chainSeq: row.chainSeq.toString(), entryId: row.id.toString(), reason },
          head: headOf(previous),
        }
      }
      entries += 1
      previous = { seq: row.chainSeq, hash: row.hash }
      if (row.chainSeq.toString() === expectedSeq && row.hash === expectedHash) isExpectedHeadSeen = true
    }
    if (rows.length < batchSize) break
  }
  const firstBroken: BrokenLink | null =
    expectedHead && !isExpectedHeadSeen ? { chainSeq: expectedSeq ?? '?', entryId: '?', reason: 'headMissing' } : null
  return { entries, unlinked: await countUnlinked(db), firstBroken, head: headOf(previous) }
}

const headOf = ({ seq, hash }: { seq: bigint; hash: string }): ChainHead | null => (seq ? `${seq}:${hash}` : null)

const countUnlinked = async (db: Tx) => db.auditLog.count({ where: { chainSeq: null } })
