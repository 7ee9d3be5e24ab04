// One person of a village, or several (同行人员), found by typing part of a name, an org or a post;
// each shown with what tells two 张丽 apart (驻村干部 · 第一书记, or the org and title).
import type { PickerOption } from '../../lib/pickers/recent-picks'
import { useChoices } from '../../lib/pickers/use-choices'
import { usePersonPicker } from '../../lib/pickers/use-person-picker'
import { IdSearchPicker, type IdSelection, selectedIds } from '../IdSearchPicker'

type Common = {
  villageId: string | null
  testId: string
  prompt?: string
  /** People already chosen whom the village no longer lists (a 帮扶责任人 who moved on). */
  known?: readonly { id: string; displayName: string }[]
}

type Props = Common & IdSelection

export const PersonPicker = ({ villageId, testId, prompt = '搜索选择人员', known = [], ...selection }: Props) => {
  const { everyone, ...picker } = usePersonPicker(villageId)
  const choices = useChoices('person')
  const optionOf = (id: string): PickerOption =>
    everyone.find((o) => o.id === id) ??
    choices.picked.get(id) ?? { id, title: known.find((p) => p.id === id)?.displayName ?? '…', detail: '' }
  return (
    <IdSearchPicker
      testId={testId}
      unit="人"
      prompt={prompt}
      searchPlaceholder="姓名、单位或职务的一部分"
      blockedText={villageId ? null : '请先选择村'}
      {...picker}
      selection={selection}
      chosen={selectedIds(selection).map(optionOf)}
      choices={choices}
    />
  )
}
