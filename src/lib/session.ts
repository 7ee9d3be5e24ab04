// The login session on this device: the bearer token, kept in Taro storage (cookies do not work
// in mini-programs). Who the user is comes from auth.me; the session keeps only their id and the
// persona their screens were last arranged for, so that a launch can ask for its first screen's
// data without waiting for auth.me (launch-prefetch.ts).
import Taro from '@tarojs/taro'
import type { Role } from '../../common/enums'
import { type Persona, personaOf } from './roles'

const SESSION_KEY = 'pdrl.session'
/** offline-cache.ts: the account's data kept for use offline, which goes with the session. */
export const OFFLINE_CACHE_KEY = 'pdrl.offline-cache'
/** launch-replay.h5.ts: the requests the last launch made first (read by src/index.html too). */
export const LAUNCH_REQUESTS_KEY = 'pdrl.launch-requests'
/** pickers/offline-copies.ts and pickers/recent-picks.ts: the account's copies and recent choices. */
export const COPIES_KEY_PREFIX = 'pdrl.copies.'
export const RECENT_PICKS_KEY = 'pdrl.recent-picks'
/** recent-records.ts: the records the account saved lately on this phone (工作台's 我最近的登记). */
export const RECENT_RECORDS_KEY = 'pdrl.recent-records'

/**
 * `userId`: who signed in (the offline queue sends only their items); `persona`: what auth.me said
 * last. Both are absent in sessions saved before they were kept.
 */
export type StoredSession = { token: string; expiresAt: string; userId?: string; persona?: Persona }

export const readSession = (): StoredSession | null => {
  try {
    const session = Taro.getStorageSync<StoredSession | ''>(SESSION_KEY)
    if (typeof session !== 'object' || !session.token) return null
    if (new Date(session.expiresAt).getTime() <= Date.now()) return null
    return session
  } catch {
    return null
  }
}

/** The session's token as the file routes (exports, imports) take it; they go around tRPC's client. */
export const bearerHeader = (): { authorization: string } => {
  const session = readSession()
  if (!session) throw new Error('登录已过期，请重新登录')
  return { authorization: `Bearer ${session.token}` }
}

export const saveSession = (session: {
  token: string
  expiresAt: Date | string
  user?: { id: string; roles: readonly Role[] }
}): void => {
  Taro.setStorageSync(SESSION_KEY, {
    token: session.token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    ...(session.user ? { userId: session.user.id, persona: personaOf(session.user.roles) } : {}),
  } satisfies StoredSession)
}

export const clearSession = (): void => {
  Taro.removeStorageSync(SESSION_KEY)
  Taro.removeStorageSync(OFFLINE_CACHE_KEY)
  Taro.removeStorageSync(LAUNCH_REQUESTS_KEY)
  Taro.removeStorageSync(RECENT_PICKS_KEY)
  Taro.removeStorageSync(RECENT_RECORDS_KEY)
  try {
    for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(COPIES_KEY_PREFIX)) Taro.removeStorageSync(key)
  } catch {
    // Copies of another account are never read: each is kept under the id of who fetched it.
  }
}
