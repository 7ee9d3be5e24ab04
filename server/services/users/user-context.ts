// What the account services receive: the service context, the lockout policy (to show lockouts)
// and the caller's address (recorded when an administrator lifts a lockout).
import type { Context } from '../../context'
import type { ServiceContext } from '../service-context'

/** Reading accounts: the lockout policy, to show lockouts. */
export type UserReadContext = ServiceContext & Pick<Context, 'security'>

export type UserServiceContext = UserReadContext & Pick<Context, 'clientIp'>
