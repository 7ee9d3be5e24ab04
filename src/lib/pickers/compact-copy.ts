// The compact form in which the phone keeps what the pickers search with no signal: one line per
// household (or org), its fields separated by tabs, an enum as its index. About 63 characters a
// household: a village of 900 is ~57,000 characters, far inside WeChat's 1 MB per storage key
// (docs/benchmarks.md, "Pickers"). Free of Taro, so that the benchmark measures the same text.
// Searched by copy-search.ts.
import { HOUSEHOLD_CATEGORIES, type HouseholdCategory, ORG_KINDS, type OrgKind } from '../../../common/enums'

export type HouseholdRow = {
  id: string
  code: string
  headName: string
  groupName: string | null
  category: HouseholdCategory
}

export type OrgRow = { id: string; name: string; shortName: string | null; kind: OrgKind }

/** Tabs and line breaks would split a row; none belongs in a name or a code. */
const field = (text: string | null) => (text ?? '').replace(/[\t\n\r]/g, ' ')

export const encodeHouseholds = (rows: readonly HouseholdRow[]): string =>
  rows
    .map((h) =>
      [h.id, field(h.code), field(h.headName), field(h.groupName), HOUSEHOLD_CATEGORIES.indexOf(h.category)].join('\t'),
    )
    .join('\n')

export const decodeHouseholds = (text: string): HouseholdRow[] =>
  text
    ? text.split('\n').map((line) => {
        const [id = '', code = '', headName = '', groupName = '', category = ''] = line.split('\t')
        return {
          id,
          code,
          headName,
          groupName: groupName || null,
          category: HOUSEHOLD_CATEGORIES[Number(category)] ?? 'OTHER',
        }
      })
    : []

export const encodeOrgs = (rows: readonly OrgRow[]): string =>
  rows.map((o) => [o.id, field(o.name), field(o.shortName), ORG_KINDS.indexOf(o.kind)].join('\t')).join('\n')

export const decodeOrgs = (text: string): OrgRow[] =>
  text
    ? text.split('\n').map((line) => {
        const [id = '', name = '', shortName = '', kind = ''] = line.split('\t')
        return { id, name, shortName: shortName || null, kind: ORG_KINDS[Number(kind)] ?? 'EXTERNAL' }
      })
    : []
