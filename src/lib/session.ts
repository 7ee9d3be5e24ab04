// The login session on this device: the bearer token, kept in Taro storage (cookies do not work
// in mini-programs). Only the token is stored; who the user is comes from auth.me.
import Taro from '@tarojs/taro'

const SESSION_KEY = 'pdrl.session'
/** offline-cache.ts: the account's data kept for use offline, which goes with the session. */
export const OFFLINE_CACHE_KEY = 'pdrl.offline-cache'

/** `userId`: who signed in (the offline queue sends only their items); absent in sessions saved before it was kept. */
export type StoredSession = { token: string; expiresAt: string; userId?: string }

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

export const saveSession = (session: { token: string; expiresAt: Date | string; user?: { id: string } }): void => {
  Taro.setStorageSync(SESSION_KEY, {
    token: session.token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    ...(session.user ? { userId: session.user.id } : {}),
  })
}

export const clearSession = (): void => {
  Taro.removeStorageSync(SESSION_KEY)
  Taro.removeStorageSync(OFFLINE_CACHE_KEY)
}
