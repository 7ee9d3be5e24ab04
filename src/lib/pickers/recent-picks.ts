// What the person chose lately in each picker, offered first the next time (最近选择): kept on
// the phone for the account that chose, cleared at sign-out with the session.
import Taro from '@tarojs/taro'
import { RECENT_PICKS_KEY, readSession } from '../session'

/** One choice as the picker shows it; `scope`: where it belongs (a household's village). */
export type PickerOption = { id: string; title: string; detail: string; scope?: string }

export type PickKind = 'household' | 'org' | 'person'

type Stored = { userId: string; picks: Partial<Record<PickKind, PickerOption[]>> }

const KEPT_PER_KIND = 8

const read = (): Stored => {
  const userId = readSession()?.userId ?? ''
  try {
    const stored = Taro.getStorageSync<Stored | ''>(RECENT_PICKS_KEY)
    if (stored && stored.userId === userId) return stored
  } catch {
    // Nothing kept.
  }
  return { userId, picks: {} }
}

/** The latest first; only those of `scope` when one is given. */
export const recentPicks = (kind: PickKind, scope?: string): PickerOption[] =>
  (read().picks[kind] ?? []).filter((o) => scope === undefined || o.scope === scope)

export const rememberPick = (kind: PickKind, option: PickerOption) => {
  const stored = read()
  const kept = [option, ...(stored.picks[kind] ?? []).filter((o) => o.id !== option.id)].slice(0, KEPT_PER_KIND)
  try {
    Taro.setStorageSync(RECENT_PICKS_KEY, { ...stored, picks: { ...stored.picks, [kind]: kept } })
  } catch {
    // Storage full: the picker works as well without.
  }
}
