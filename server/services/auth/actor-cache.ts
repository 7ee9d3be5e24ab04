// The signed-in people a server has loaded recently, so that a request costs one query (its
// session, read with the authorisation epoch) instead of five. An entry serves while the epoch it
// was loaded at is still the database's and it is the same day in Beijing (roles, posts and
// pairings are periods of days: services/auth/periods.ts). Database triggers move the epoch on at
// any change to what an actor or a profile is made of (migration 20261206110000_authz_epoch), so a
// new role, an ended pairing or a deactivated account takes effect on the next request, on every
// instance, without any instance telling another.
import { shanghaiDate } from '../../../common/dates'
import type { Actor } from './actor'
import type { UserProfile } from './describe-user'

type Entry = { epoch: bigint; day: string; actor: Actor; profile: UserProfile | null }

export type ActorCache = {
  /** The actor loaded at this epoch today, if any. */
  get: (userId: string, epoch: bigint) => Entry | null
  set: (userId: string, epoch: bigint, actor: Actor) => void
  /** Keeps the profile auth.me answered with, beside the actor it was made from. */
  setProfile: (userId: string, epoch: bigint, profile: UserProfile) => void
}

/** At most `max` people, the least recently seen leaving first. */
export const createActorCache = ({ max = 10_000 }: { max?: number } = {}): ActorCache => {
  const entries = new Map<string, Entry>()
  const fresh = (entry: Entry | undefined, epoch: bigint) =>
    entry && entry.epoch === epoch && entry.day === shanghaiDate() ? entry : null
  return {
    get: (userId, epoch) => {
      const entry = fresh(entries.get(userId), epoch)
      if (!entry) return null
      // Map keeps insertion order: re-inserting marks it most recently seen.
      entries.delete(userId)
      entries.set(userId, entry)
      return entry
    },
    set: (userId, epoch, actor) => {
      entries.delete(userId)
      entries.set(userId, { epoch, day: shanghaiDate(), actor, profile: null })
      if (entries.size > max) {
        const oldest = entries.keys().next().value
        if (oldest !== undefined) entries.delete(oldest)
      }
    },
    setProfile: (userId, epoch, profile) => {
      const entry = fresh(entries.get(userId), epoch)
      if (entry) entry.profile = profile
    },
  }
}
