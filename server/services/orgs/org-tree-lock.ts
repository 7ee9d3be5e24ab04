// The tree's shape changes under one lock: a move rewrites the paths of a whole subtree, so an org
// added under a parent that is being moved would get a stale path. Moves take the lock alone;
// additions share it (transaction-scoped PostgreSQL advisory locks, released at commit).
import type { Tx } from '../../db/client'

export const lockTreeForMove = (db: Tx) => db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('org-tree', 0))`

export const lockTreeForAdd = (db: Tx) =>
  db.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended('org-tree', 0))`
