// Passwords are hashed with Argon2id (@node-rs/argon2 ships prebuilt binaries, so nothing is
// compiled at install).
import { hash, verify } from '@node-rs/argon2'

export const hashPassword = (password: string): Promise<string> => hash(password)

// A valid hash of a random password, verified against when the phone is unknown, so that the
// answer takes as long for an unknown phone as for a wrong password.
const DUMMY_HASH = hash(`dummy-${Math.random()}`)

export const verifyPassword = async (passwordHash: string | null, password: string): Promise<boolean> => {
  if (!passwordHash) {
    await verify(await DUMMY_HASH, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}
