// One-time passwords, handed to a person on paper or by phone: 10 characters of letters and digits
// without the ones that look alike (0/O/o, 1/I/l/i), with at least one of each (ZNewPassword's
// rule). About 56 bits: a guess under the login lockout is hopeless.
import { randomInt } from 'node:crypto'

const LETTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const ALPHABET = `${LETTERS}${DIGITS}`

export const ONE_TIME_PASSWORD_LENGTH = 10

export const oneTimePassword = (): string => {
  for (;;) {
    const password = Array.from({ length: ONE_TIME_PASSWORD_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(
      '',
    )
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password
  }
}
