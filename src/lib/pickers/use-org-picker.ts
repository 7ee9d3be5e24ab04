// The org picker's data: online, org.list page by page (part of a name or short name, in tree
// order); with no signal, or no answer, the copy of every open org kept on the phone
// (offline-copies.ts). The orgs a person may organise for are his subtree, which only the server
// knows: offline they are those of ORGANISABLE_KEPT's kept first page.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatShanghaiDateTime } from '../../../common/dates'
import { ORG_KIND_LABELS, type OrgKind } from '../../../common/enums'
import type { PickerResults } from '../../components/SearchPicker'
import { useTRPC } from '../trpc'
import { orgMatches } from './copy-search'
import { readOrgCopy, useCopiesVersion } from './offline-copies'
import { isUnreachable, PAGE_SIZE, serverResults, useIsOnline, useLocalResults, useTypedSearch } from './picker-pages'
import { type PickerOption, recentPicks } from './recent-picks'
import { ORGANISABLE_KEPT } from './refresh-copies'

/** The orgs that hold 主题党日 (the 主题党日 list's filter offers these). */
export const PARTY_ORG_KINDS = ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH', 'PARTY_COMMITTEE'] as const

type Org = { id: string; name: string; shortName: string | null; kind: OrgKind; parentName?: string | null }

/** 西宁市司法局机关党支部 / 党支部 · 中共西宁市司法局委员会 */
export const orgOption = (o: Org): PickerOption => ({
  id: o.id,
  title: o.name,
  detail: [ORG_KIND_LABELS[o.kind], o.parentName ?? o.shortName].filter(Boolean).join(' · '),
})

export const useOrganisableOrgs = () => {
  const trpc = useTRPC()
  return useQuery(trpc.org.list.queryOptions({ isOrganisable: true, limit: ORGANISABLE_KEPT }))
}

type Options = {
  kinds?: readonly OrgKind[]
  /** Only the orgs the person may organise an activity for. */
  isOrganisable?: boolean
}

export const useOrgPicker = ({ kinds, isOrganisable = false }: Options = {}) => {
  const trpc = useTRPC()
  const [typed, setTyped] = useState('')
  const [isOpened, setOpened] = useState(false)
  const search = useTypedSearch(typed)
  const isOnline = useIsOnline()
  useCopiesVersion()
  const query = useInfiniteQuery({
    ...trpc.org.list.infiniteQueryOptions(
      { search: search || undefined, kinds: kinds ? [...kinds] : undefined, isOrganisable, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: isOpened && isOnline,
  })
  const organisable = useOrganisableOrgs()

  const isOffline = !isOnline || isUnreachable(query.error)
  const copy = isOffline ? readOrgCopy() : null
  const kept = isOrganisable ? new Set(organisable.data?.items.map((o) => o.id)) : null
  const matches = orgMatches(typed)
  const local = useLocalResults(
    copy
      ? copy.rows
          .filter((o) => matches(o) && (!kinds || kinds.includes(o.kind)) && (!kept || kept.has(o.id)))
          .map(orgOption)
      : [],
    typed,
  )
  const note = () => {
    if (!copy) return '无网络，本机没有保存组织名单，联网后再试'
    const partly =
      isOrganisable && organisable.data?.nextCursor ? `（只保存了您可组织的前 ${ORGANISABLE_KEPT} 个）` : ''
    return `无网络：在本机保存的 ${copy.count} 个组织中查找${partly}（${formatShanghaiDateTime(new Date(copy.savedAt))} 更新）`
  }
  const results: PickerResults = isOffline ? { ...local, note: note() } : serverResults(query, orgOption)

  return {
    search: typed,
    onSearch: setTyped,
    results,
    recent: isOrganisable || kinds ? [] : recentPicks('org'),
    onOpen: () => setOpened(true),
  }
}
