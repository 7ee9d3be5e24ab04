// A form field whose few choices all show as chips, one tap to choose (a need's 类别 on a visit):
// its label, the chips, and its error beside it (FormField).
import { View } from '@tarojs/components'
import { FilterChip } from '../FilterChips'
import { FormField } from '../FormField'
import type { ChoiceProps } from './index'

type Props<V extends string> = ChoiceProps<V>

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
