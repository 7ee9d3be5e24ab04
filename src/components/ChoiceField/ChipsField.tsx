// A form field whose few choices all show as chips, one tap to choose (a need's 类别 on a visit):
// its label, the chips, and its error beside it (FormField).
import { View } from '@tarojs/components'
import { FilterChip } from '../FilterChips'
import { FormField } from '../FormField'

type Props<V extends string> = {
  label: string
  options: readonly { value: V; label: string }[]
  value: V | null | undefined
  onChange: (value: V) => void
  error?: string | undefined
  required?: boolean
  testId?: string
}

export const ChipsField = <V extends string>({
  label,
  error,
  required,
  options,
  value,
  onChange,
  testId,
}: Props<V>) => (
  <FormField label={label} error={error} required={required}>
    <View className="filters filters--in-form" data-testid={testId}>
      {options.map((option) => (
        <FilterChip key={option.value} isOn={option.value === value} onClick={() => onChange(option.value)}>
          {option.label}
        </FilterChip>
      ))}
    </View>
  </FormField>
)
