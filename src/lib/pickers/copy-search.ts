// Searching the pickers' copies (compact-copy.ts) with no signal, as the server searches online:
// the same normalisation of what was typed, the same fields.
import { normaliseName } from '../../../common/names'
import type { HouseholdRow, OrgRow } from './compact-copy'

/** What a search typed into a picker looks for: the same normalisation as the server's. */
export const searchText = (typed: string) => normaliseName(typed)

/** Offline, as household.search online: part of the 户主 name, the 户编号 or the 所在组, any case. */
export const householdMatches = (typed: string) => {
  const text = searchText(typed).toLowerCase()
  return (h: HouseholdRow) =>
    !text ||
    h.headName.toLowerCase().includes(text) ||
    h.code.toLowerCase().includes(text) ||
    (h.groupName ?? '').toLowerCase().includes(text)
}

/** Offline, as org.list online: part of the name or the short name. */
export const orgMatches = (typed: string) => {
  const text = searchText(typed)
  return (o: OrgRow) => !text || o.name.includes(text) || (o.shortName ?? '').includes(text)
}
