// There is always an active administrator: the last one is neither deactivated nor loses the role
// (LAST_ADMIN). Every change that could remove one takes this lock before it counts the others, so
// two administrators ending each other's roles at the same moment cannot both pass.
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { liveOn } from '../auth/periods'

export const assertAnotherAdmin = async (
  db: Tx,
  { exceptUserId, exceptMembershipId }: { exceptUserId?: string; exceptMembershipId?: string },
) => {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('administrators', 0))`
  const others = await db.membership.count({
    where: {
      role: 'ADMIN',
      ...liveOn(),
      user: { isActive: true, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
      ...(exceptMembershipId ? { id: { not: exceptMembershipId } } : {}),
    },
  })
  if (!others) throw new AppError('LAST_ADMIN')
}
