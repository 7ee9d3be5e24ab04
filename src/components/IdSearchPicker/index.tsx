// A SearchPicker over ids, as forms hold them: one id or several. It shows the options chosen,
// hands on ids, and records each choice as recent (useChoices). The caller finds the options for
// the ids it holds (`chosen`, in the same order), from what it knows or from the server.
import type { useChoices } from '../../lib/pickers/use-choices'
import { type PickerOption, SearchPicker, type SearchPickerCommon } from '../SearchPicker'

export type IdSelection =
  | { multiple?: false; value: string | null; onChange: (id: string, option: PickerOption) => void }
  | { multiple: true; value: readonly string[]; onChange: (ids: string[]) => void }

export const selectedIds = (selection: IdSelection): readonly string[] =>
  selection.multiple ? selection.value : selection.value ? [selection.value] : []

type Props = SearchPickerCommon & {
  selection: IdSelection
  chosen: readonly PickerOption[]
  choices: ReturnType<typeof useChoices>
}

export const IdSearchPicker = ({ selection, chosen, choices, ...common }: Props) =>
  selection.multiple ? (
    <SearchPicker
      {...common}
      multiple
      value={chosen}
      onChange={(options) => choices.chooseMany(options, selection.value, selection.onChange)}
    />
  ) : (
    <SearchPicker
      {...common}
      value={chosen[0] ?? null}
      onChange={(option) => choices.chooseOne(option, selection.onChange)}
    />
  )
