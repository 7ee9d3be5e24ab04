// The household picker's data: online, household.search page by page (part of a name, a 户编号, a
// 所在组, or a full ID number); with no signal, or no answer, the village's copy kept on the phone
// (offline-copies.ts), searched the same way but for ID numbers, which only the server can match.
// Opening the picker online keeps that village's copy up to date, and among the recently opened.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatShanghaiDateTime } from '../../../common/dates'
import { idNumberProblem } from '../../../common/personal-data'
import type { PickerResults } from '../../components/SearchPicker'
import { useTRPC, useTRPCClient } from '../trpc'
import type { HouseholdRow } from './compact-copy'
import { householdMatches } from './copy-search'
import { markVillageOpened, readVillageCopy, useCopiesVersion, type VillageCopy } from './offline-copies'
import { isUnreachable, PAGE_SIZE, serverResults, useIsOnline, useLocalResults, useTypedSearch } from './picker-pages'
import { type PickerOption, recentPicks } from './recent-picks'
import { MAX_VILLAGES, refreshVillageCopy } from './refresh-copies'

type Household = { id: string; code: string; headName: string; groupName: string | null; village?: { name: string } }

/** 王秀英 / 户编号 QY-0850 · 三组 (· 前跃村 when the list spans villages). */
export const householdOption = (h: Household, scope?: string, villageName?: string): PickerOption => ({
  id: h.id,
  title: h.headName,
  detail: [`户编号 ${h.code}`, h.groupName, villageName].filter(Boolean).join(' · '),
  ...(scope ? { scope } : {}),
})

const copyNote = (copies: readonly { name: string; copy: VillageCopy }[], search: string) => {
  const count = copies.reduce((n, c) => n + c.copy.count, 0)
  const oldest = Math.min(...copies.map((c) => c.copy.savedAt))
  const byIdNumber = !idNumberProblem(search.toUpperCase()) ? '；身份证号要联网才能查找' : ''
  return `无网络：在本机保存的 ${count} 户中查找（${formatShanghaiDateTime(new Date(oldest))} 更新）${byIdNumber}`
}

type Options = {
  /** One village's households; none: every village the person reaches. */
  villageId: string | null
}

export const useHouseholdPicker = ({ villageId }: Options) => {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const [typed, setTyped] = useState('')
  const [isOpened, setOpened] = useState(false)
  const search = useTypedSearch(typed)
  const isOnline = useIsOnline()
  useCopiesVersion()
  const villages = useQuery({ ...trpc.village.list.queryOptions(), enabled: isOpened })
  const villageName = (id: string) => villages.data?.find((v) => v.id === id)?.name ?? ''

  const query = useInfiniteQuery({
    ...trpc.household.search.infiniteQueryOptions(
      { villageId: villageId ?? undefined, search: search || undefined, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: isOpened && isOnline,
  })

  // The copies to search when the server cannot be asked: the village's, or all those kept.
  const isOffline = !isOnline || isUnreachable(query.error)
  const villageIds = villageId ? [villageId] : (villages.data ?? []).map((v) => v.id)
  const copies = isOffline
    ? villageIds.flatMap((id) => {
        const copy = readVillageCopy(id)
        return copy ? [{ id, name: villageName(id), copy }] : []
      })
    : []
  const matches = householdMatches(typed)
  const local = useLocalResults(
    isOffline
      ? copies.flatMap(({ id, name, copy }) =>
          copy.rows.filter(matches).map((h: HouseholdRow) => householdOption(h, id, villageId ? undefined : name)),
        )
      : [],
    typed,
  )

  const notKeptNote = () => {
    const many = (villages.data?.length ?? 0) > MAX_VILLAGES
    const which = villageId ? '该村' : '您所在村'
    return `无网络，本机没有保存${which}的困难户名单${many ? `（村较多时只保存最近打开的 ${MAX_VILLAGES} 个村）` : ''}，联网后再试`
  }
  const results: PickerResults = isOffline
    ? { ...local, note: copies.length ? copyNote(copies, typed) : notKeptNote() }
    : serverResults(query, (h) => householdOption(h, h.village.id, villageId ? undefined : h.village.name))

  const onOpen = () => {
    setOpened(true)
    if (!villageId || !isOnline) return
    markVillageOpened(villageId)
    refreshVillageCopy(client, villageId).catch(() => {
      // Offline or refused: the copy stays as it was.
    })
  }

  return {
    search: typed,
    onSearch: setTyped,
    results,
    recent: recentPicks('household', villageId ?? undefined).filter(
      (o) => villageId || !villages.data || villages.data.some((v) => v.id === o.scope),
    ),
    onOpen,
  }
}
