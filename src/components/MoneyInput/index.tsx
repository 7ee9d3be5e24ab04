// Money is typed in yuan and sent as integer fen, parsed from the digits (never through a float):
// "1,050.5" → 105050. An unparseable entry reports its reason instead of guessing.
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { fenToYuanInput, parseYuan } from '../../../common/money'

// On H5 a text box with the decimal keypad: Taro's digit box drops a typed minus sign, which would
// turn -500 into 500 behind the person's back; parseYuan refuses it instead, saying why. WeChat's
// digit keypad has no minus key.
const BOX =
  process.env.TARO_ENV === 'h5'
    ? ({ type: 'text', nativeProps: { inputMode: 'decimal' } } as const)
    : ({ type: 'digit' } as const)

type Props = {
  valueFen: number | undefined
  onChange: (fen: number | undefined, problem: string | undefined) => void
  placeholder?: string
  name?: string
}

export const MoneyInput = ({ valueFen, onChange, placeholder = '0.00', name }: Props) => {
  const [text, setText] = useState(valueFen === undefined ? '' : fenToYuanInput(valueFen))
  // Follow changes made from outside (a form reset, a loaded record), not our own keystrokes.
  const [seenFen, setSeenFen] = useState(valueFen)
  if (valueFen !== seenFen) {
    setSeenFen(valueFen)
    const typed = parseYuan(text)
    const isOurs = valueFen === undefined ? !typed.ok : typed.ok && typed.fen === valueFen
    if (!isOurs) setText(valueFen === undefined ? '' : fenToYuanInput(valueFen))
  }
  return (
    <View className="row">
      <Text>¥</Text>
      <Input
        className="form-input"
        name={name}
        {...BOX}
        placeholder={placeholder}
        value={text}
        onInput={(e) => {
          const next = e.detail.value
          setText(next)
          if (next.trim() === '') return onChange(undefined, undefined)
          const parsed = parseYuan(next)
          onChange(parsed.ok ? parsed.fen : undefined, parsed.ok ? undefined : parsed.message)
        }}
      />
    </View>
  )
}
