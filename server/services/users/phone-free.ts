// A sign-in phone belongs to one account. Two saves of one phone are serialised by a lock on it,
// held to the end of the transaction, so the second sees the first and is refused on the field
// rather than by the unique index.
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'

export const assertPhoneFree = async (db: Tx, phone: string, exceptUserId?: string) => {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`user-phone:${phone}`}, 0))`
  const holder = await db.user.findUnique({ where: { phone }, select: { id: true } })
  if (holder && holder.id !== exceptUserId)
    throw new AppError('PHONE_TAKEN', { fieldErrors: { phone: ['这个手机号已被其他账号使用，请核对'] } })
}
