// What the account services receive: the service context, the lockout policy (to show lockouts)
// and the caller's address (recorded when an administrator lifts a lockout).
import type { Context } from '../../context'
import type { ServiceContext } from '../service-context'

export type UserServiceContext = ServiceContext & Pick<Context, 'security' | 'clientIp'>
