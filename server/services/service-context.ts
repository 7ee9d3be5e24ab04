// What every domain service receives besides its input: one options object, no HTTP.
import type { Context } from '../context'
import type { Actor } from './auth/actor'

export type ServiceContext = Pick<Context, 'db' | 'crypto' | 'requestId' | 'log'> & { actor: Actor }
