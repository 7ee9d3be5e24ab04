// What every domain service receives besides its input: one options object, no HTTP.
import type { Context } from '../context'
import type { Actor } from './auth/actor'

export type ServiceContext = Pick<Context, 'db' | 'crypto' | 'requestId' | 'log'> &
  Partial<Pick<Context, 'readDb' | 'notices'>> & { actor: Actor }

/**
 * The context a heavy read-only report reads through: `db` is the read replica when one is
 * configured (DATABASE_REPLICA_URL), else unchanged. Writes, such as an export's audit entry, go
 * through the caller's own context, on the primary. A replica may lag a moment behind the primary,
 * so only reports where that is acceptable read here (docs/scaling.md).
 */
export const onReadReplica = <C extends ServiceContext>(ctx: C): C =>
  ctx.readDb && ctx.readDb !== ctx.db ? { ...ctx, db: ctx.readDb } : ctx
