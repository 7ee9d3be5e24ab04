// A list's search box, above its filters: what is typed is searched for on 搜索 (Enter) or when
// the box loses focus, not at each keystroke, so a slow phone sends one query, not one a letter.
import { Input } from '@tarojs/components'
import { useState } from 'react'

type Props = {
  placeholder: string
  onSearch: (text: string) => void
  /** The box's name: what the browser tests fill in. */
  name: string
}

export const SearchBox = ({ placeholder, onSearch, name }: Props) => {
  const [draft, setDraft] = useState('')
  return (
    <Input
      className="filters__search"
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
