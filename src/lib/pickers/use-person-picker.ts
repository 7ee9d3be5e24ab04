// The people picker's data: the village's people (village.people: its resident cadres and the
// members of its paired orgs, one query, kept on the phone by offline-cache.ts), found by part of a
// name, an org or a post, and shown a page at a time.
import { useState } from 'react'
import type { PickerResults } from '../../components/SearchPicker'
import { useVillagePeople } from '../use-village-people'
import { searchText } from './copy-search'
import { useLocalResults } from './picker-pages'
import { type PickerOption, recentPicks } from './recent-picks'

export const usePersonPicker = (villageId: string | null) => {
  const [typed, setTyped] = useState('')
  const people = useVillagePeople(villageId)
  const options: PickerOption[] = people.everyone.map((p) => ({ id: p.id, title: p.displayName, detail: p.about }))
  const text = searchText(typed)
  const local = useLocalResults(
    options.filter((o) => !text || o.title.includes(text) || o.detail.includes(text)),
    typed,
  )
  const ids = new Set(options.map((o) => o.id))
  const results: PickerResults = {
    ...local,
    isLoading: people.isLoading,
    error: people.error,
    retry: people.refetch,
  }
  return {
    search: typed,
    onSearch: setTyped,
    results,
    recent: recentPicks('person').filter((o) => ids.has(o.id)),
    onOpen: () => {},
    everyone: options,
  }
}
