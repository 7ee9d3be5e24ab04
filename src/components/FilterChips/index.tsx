// The filters above a list, as chips: one that toggles or clears (FilterChip), one that picks from
// a list headed by 全部… (SelectChip), and a row of which exactly one is on (ChoiceChips). A chip
// that filters the list is drawn on. A choice among many (an org of the province) is a chip that
// opens a page with a SearchPicker (the 主题党日 list's org filter).
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { SelectField } from '../SelectField'
import './index.scss'

export const FilterBar = ({ children }: PropsWithChildren) => <View className="filters">{children}</View>

type ChipProps = PropsWithChildren<{ isOn?: boolean; onClick?: () => void }>

export const FilterChip = ({ isOn = false, onClick, children }: ChipProps) => (
  <View className={isOn ? 'filters__chip filters__chip--on' : 'filters__chip'} {...(onClick ? { onClick } : {})}>
    {children}
  </View>
)

type Option<V extends string> = { value: V; label: string }

type SelectChipProps<V extends string> = {
  /** The first option, which filters nothing: 全部村, 全部类别… */
  allLabel?: string
  options: readonly Option<V>[]
  value: V | undefined
  onChange: (value: V | undefined) => void
  testId: string
}

/** Without `allLabel`, a choice that is always made (and the chip always on). */
export const SelectChip = <V extends string>({ allLabel, options, value, onChange, testId }: SelectChipProps<V>) => (
  <FilterChip isOn={allLabel === undefined || Boolean(value)}>
    <SelectField
      options={allLabel === undefined ? options : [{ value: '' as const, label: allLabel }, ...options]}
      value={value ?? ''}
      onChange={(chosen) => onChange(chosen || undefined)}
      testId={testId}
    />
  </FilterChip>
)

type ChoiceChipsProps<V> = { choices: readonly { value: V; label: string }[]; value: V; onChange: (value: V) => void }

export const ChoiceChips = <V,>({ choices, value, onChange }: ChoiceChipsProps<V>) => (
  <>
    {choices.map((choice) => (
      <FilterChip key={choice.label} isOn={choice.value === value} onClick={() => onChange(choice.value)}>
        {choice.label}
      </FilterChip>
    ))}
  </>
)
