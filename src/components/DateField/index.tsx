// A calendar day (YYYY-MM-DD) or month (YYYY-MM): WeChat's native picker in the mini-program, the
// browser's own date input on H5.
import { Picker, Text, View } from '@tarojs/components'
import '../SelectField/index.scss'

type Props = {
  value: string | null | undefined
  onChange: (day: string) => void
  placeholder?: string
  fields?: 'day' | 'month'
  testId?: string
}

export const DateField = ({ value, onChange, placeholder = '选择日期', fields = 'day', testId }: Props) => {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="select-field" data-testid={testId}>
        <input
          className="select-field__native"
          type={fields === 'month' ? 'month' : 'date'}
          value={value ?? ''}
          placeholder={placeholder}
          onChange={(e) => {
            if (e.target.value) onChange(e.target.value)
          }}
        />
      </View>
    )
  }
  return (
    <Picker mode="date" fields={fields} value={value ?? ''} onChange={(e) => onChange(String(e.detail.value))}>
      <View className="select-field row" data-testid={testId}>
        <Text className={value ? '' : 'muted'}>{value || placeholder}</Text>
      </View>
    </Picker>
  )
}
