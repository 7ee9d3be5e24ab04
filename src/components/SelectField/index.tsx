// A single choice from a list: WeChat's native picker in the mini-program, the browser's own
// <select> on H5 (the phone's native wheel; no extra code in either package).
import { Picker, Text, View } from '@tarojs/components'
import './index.scss'

type Option<V extends string> = { value: V; label: string }

type Props<V extends string> = {
  options: readonly Option<V>[]
  value: V | null | undefined
  onChange: (value: V) => void
  placeholder?: string
  disabled?: boolean
  testId?: string
}

export const SelectField = <V extends string>({
  options,
  value,
  onChange,
  placeholder = '请选择',
  disabled = false,
  testId,
}: Props<V>) => {
  const index = options.findIndex((o) => o.value === value)
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="select-field" data-testid={testId}>
        <select
          className={`select-field__native ${index < 0 ? 'select-field__native--empty' : ''}`}
          disabled={disabled}
          value={index < 0 ? '' : String(value)}
          onChange={(e) => {
            const chosen = options.find((o) => o.value === e.target.value)
            if (chosen) onChange(chosen.value)
          }}
        >
          {/* A list whose first choice is '' (全部…, SelectChip) has no placeholder: the browser would show it. */}
          {options.some((o) => o.value === '') ? null : (
            <option value="" disabled>
              {placeholder}
            </option>
          )}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </View>
    )
  }
  return (
    <Picker
      mode="selector"
      disabled={disabled}
      range={options.map((o) => o.label)}
      value={Math.max(index, 0)}
      onChange={(e) => {
        const chosen = options[Number(e.detail.value)]
        if (chosen) onChange(chosen.value)
      }}
    >
      <View className="select-field row" data-testid={testId}>
        <Text className={index < 0 ? 'muted' : ''}>{index < 0 ? placeholder : options[index]?.label}</Text>
      </View>
    </Picker>
  )
}

/** Options from a label record such as NEED_CATEGORY_LABELS. */
export const optionsOf = <V extends string>(labels: Record<V, string>): Option<V>[] =>
  (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }))
