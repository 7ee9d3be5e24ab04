// Invitation codes: 8 characters drawn with a CSPRNG from the alphabet people read without
// confusion (common/contracts/invitation/invitation-code.ts), about 40 bits. Only their SHA-256 is
// stored; guesses are counted by the lockout (accept-invitation.ts), and a code lives 7 days.
import { createHash, randomInt } from 'node:crypto'
import { INVITATION_ALPHABET, INVITATION_CODE_LENGTH } from '../../../common/contracts/invitation/invitation-code'

export const newInvitationCode = (): string =>
  Array.from({ length: INVITATION_CODE_LENGTH }, () => INVITATION_ALPHABET[randomInt(INVITATION_ALPHABET.length)]).join(
    '',
  )

/** The stored form of a canonical code (invitationCodeOf's output). */
export const hashInvitationCode = (code: string): string => createHash('sha256').update(code).digest('hex')
