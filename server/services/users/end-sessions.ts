// Ends an account's sessions at once (a deactivation, a password reset, an unbound WeChat): the
// next call with any of their tokens answers SESSION_EXPIRED.
import type { Tx } from '../../db/client'
import type { SessionMethod } from '../auth/sessions'

export const endSessions = async (db: Tx, userId: string, method?: SessionMethod): Promise<number> => {
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(method ? { method } : {}) },
    data: { revokedAt: new Date() },
  })
  return count
}
