// What a picker of ids keeps of the options the person chose (to show them while the form holds
// only ids), and each choice recorded as recent (recent-picks.ts).
import { useState } from 'react'
import { type PickerOption, type PickKind, rememberPick } from './recent-picks'

export const useChoices = (kind: PickKind) => {
  const [picked, setPicked] = useState<ReadonlyMap<string, PickerOption>>(new Map())
  const keep = (options: readonly PickerOption[]) =>
    setPicked((before) => new Map([...before, ...options.map((o) => [o.id, o] as const)]))
  return {
    picked,
    /** One choice: kept, recorded, and handed on. */
    chooseOne: (option: PickerOption, onChange: (id: string, option: PickerOption) => void) => {
      keep([option])
      rememberPick(kind, option)
      onChange(option.id, option)
    },
    /** Several: the one just added recorded as recent. */
    chooseMany: (options: PickerOption[], before: readonly string[], onChange: (ids: string[]) => void) => {
      keep(options)
      const added = options.find((o) => !before.includes(o.id))
      if (added) rememberPick(kind, added)
      onChange(options.map((o) => o.id))
    },
  }
}
