// Field-level encryption for personal data (PIPL Art. 28 敏感个人信息): AES-256-GCM with a
// random 96-bit IV, and the column's name as additional authenticated data, so a ciphertext
// cannot be moved to another column. Exact-match search uses a keyed blind index (HMAC-SHA256),
// never the plaintext. Both keys are derived from one master key with HKDF.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** The column a value belongs to; part of the authenticated data. */
export type FieldPurpose =
  | 'household.idNumber'
  | 'household.phone'
  | 'member.idNumber'
  | 'member.health'
  | 'visit.health'
  | 'idempotency.result'

/** Values compared across columns share one index space (a member's ID number can match a head's). */
export type BlindIndexKind = 'idNumber' | 'phone'

export type FieldCrypto = {
  /** Short id of the master key, stored in every ciphertext (for rotation). */
  keyId: string
  encrypt: (plaintext: string, purpose: FieldPurpose) => string
  decrypt: (ciphertext: string, purpose: FieldPurpose) => string
  /** Deterministic keyed hash for exact-match lookups and duplicate checks across columns. */
  blindIndex: (value: string, kind: BlindIndexKind) => string
  /**
   * The value's index under every known key, current first: lookups match rows written before a
   * key rotation reached them (docs/security.md, key rotation).
   */
  blindIndexes: (value: string, kind: BlindIndexKind) => string[]
  /** Keyed digest of an arbitrary message, exact (no normalising): for request fingerprints. */
  digest: (message: string) => string
  /** Whether `digest` is the message's digest under any known key. */
  matchesDigest: (message: string, digest: string) => boolean
  /** Whether a ciphertext is under the current key (else a rotation has yet to reach it). */
  isCurrent: (ciphertext: string) => boolean
}

const VERSION = 'v1'

const derive = (master: Buffer, info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32))

export const keyIdOf = (master: Buffer): string => createHash('sha256').update(master).digest('hex').slice(0, 8)

export class FieldDecryptError extends Error {
  override name = 'FieldDecryptError'
}

/**
 * @param master 32-byte master key (FIELD_ENCRYPTION_KEY).
 * @param previous older master keys still accepted for decryption during a rotation.
 */
export const createFieldCrypto = (master: Buffer, previous: readonly Buffer[] = []): FieldCrypto => {
  if (master.length !== 32) throw new Error('FIELD_ENCRYPTION_KEY must be 32 bytes')
  const keyId = keyIdOf(master)
  const encryptionKeys = new Map<string, Buffer>()
  for (const key of [master, ...previous]) encryptionKeys.set(keyIdOf(key), derive(key, 'pdrl field encryption'))
  const masters = [master, ...previous]
  const indexKeys = masters.map((key) => derive(key, 'pdrl blind index'))
  const digestKeys = masters.map((key) => derive(key, 'pdrl request digest'))
  const currentKey = encryptionKeys.get(keyId) as Buffer
  const indexWith = (key: Buffer, value: string, kind: BlindIndexKind) =>
    createHmac('sha256', key).update(`${kind}\u0000${value.trim().toUpperCase()}`).digest('base64url')
  const digestWith = (key: Buffer, message: string) => createHmac('sha256', key).update(message).digest('base64url')

  return {
    keyId,
    encrypt: (plaintext, purpose) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv)
      cipher.setAAD(Buffer.from(purpose))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return `${VERSION}:${keyId}:${iv.toString('base64url')}:${body.toString('base64url')}`
    },
    decrypt: (ciphertext, purpose) => {
      const [version, kid, ivText, bodyText] = ciphertext.split(':')
      const key = kid ? encryptionKeys.get(kid) : undefined
      if (version !== VERSION || !key || !ivText || !bodyText) {
        throw new FieldDecryptError(`cannot decrypt ${purpose}: unknown format or key ${kid ?? '?'}`)
      }
      const body = Buffer.from(bodyText, 'base64url')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'))
        decipher.setAAD(Buffer.from(purpose))
        decipher.setAuthTag(body.subarray(body.length - 16))
        return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8')
      } catch {
        throw new FieldDecryptError(`cannot decrypt ${purpose}: authentication failed`)
      }
    },
    blindIndex: (value, kind) => indexWith(indexKeys[0] as Buffer, value, kind),
    blindIndexes: (value, kind) => [...new Set(indexKeys.map((key) => indexWith(key, value, kind)))],
    digest: (message) => digestWith(digestKeys[0] as Buffer, message),
    matchesDigest: (message, digest) => digestKeys.some((key) => digestWith(key, message) === digest),
    isCurrent: (ciphertext) => ciphertext.startsWith(`${VERSION}:${keyId}:`),
  }
}
