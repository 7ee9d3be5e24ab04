// Invitation codes as people read and type them: 8 characters from an alphabet without the ones
// that look alike (0/O, 1/I/L), shown as two groups of four (K7QM-3XHP). Typing is forgiving:
// lower case, spaces and dashes are accepted. A code may also arrive inside the QR code's link
// (…/invite?code=K7QM3XHP), as the mini-program receives it when opened from the QR code.
export const INVITATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const INVITATION_CODE_LENGTH = 8

/** The canonical code in a typed string or a scanned link, or null when there is none. */
export const invitationCodeOf = (text: string): string | null => {
  const fromLink = /[?&]code=([^&#]+)/.exec(text)?.[1]
  let candidate = fromLink ?? text
  try {
    candidate = decodeURIComponent(candidate)
  } catch {
    return null
  }
  const code = candidate.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== INVITATION_CODE_LENGTH) return null
  return [...code].every((c) => INVITATION_ALPHABET.includes(c)) ? code : null
}

/** K7QM3XHP → K7QM-3XHP */
export const formatInvitationCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`

/**
 * The app's page that takes an invitation (`?code=…`): the H5 app opens it from GET /invite, the
 * mini-program from a scanned QR code (its link arrives as `?q=…`) or a shared card.
 */
export const INVITATION_PAGE = 'package-auth/invitation/index'
