// A list's search box: what is typed is searched for on 搜索 (Enter), or when the box loses focus,
// not at every keystroke. A `key` that changes empties it (清除筛选).
import { Input } from '@tarojs/components'
import { useState } from 'react'

type Props = { name: string; placeholder: string; onSearch: (text: string) => void; className?: string }

export const SearchBox = ({ name, placeholder, onSearch, className = 'filters__search' }: Props) => {
  const [draft, setDraft] = useState('')
  return (
    <Input
      className={className}
      name={name}
      placeholder={placeholder}
      value={draft}
      confirmType="search"
      onInput={(e) => setDraft(e.detail.value)}
      onConfirm={() => onSearch(draft.trim())}
      onBlur={() => onSearch(draft.trim())}
    />
  )
}
