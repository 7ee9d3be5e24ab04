// A goods line's 数量, typed as it is: a minus sign or a fraction is not dropped but refused with a
// message beside the line, and the value handed on is one the form's schema refuses too, so the
// record cannot be saved until it is put right.
import { Input } from '@tarojs/components'
import { useState } from 'react'

// On H5 a text box with the digit keypad (the browser's number box would drop a typed minus).
const BOX =
  process.env.TARO_ENV === 'h5'
    ? ({ type: 'text', nativeProps: { inputMode: 'numeric' } } as const)
    : ({ type: 'number' } as const)

/** What was typed, read as a count: the number, and why it cannot be one (if so). */
export const readCount = (typed: string): { count: number; problem: string | undefined } => {
  const text = typed.trim()
  if (text === '') return { count: Number.NaN, problem: '请填写数量' }
  if (/^-\s*\d/.test(text)) return { count: -1, problem: '数量不能为负数' }
  if (!/^\d+$/.test(text)) return { count: Number.NaN, problem: '数量须为整数，例如 2' }
  return { count: Number(text), problem: undefined }
}

type Props = {
  value: number
  onChange: (count: number, problem: string | undefined) => void
  name?: string
}

export const CountInput = ({ value, onChange, name }: Props) => {
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : '')
  // Follow changes made from outside (a preset tapped again), not our own keystrokes.
  const [seen, setSeen] = useState(value)
  if (value !== seen && !(Number.isNaN(value) && Number.isNaN(seen))) {
    setSeen(value)
    if (readCount(text).count !== value) setText(Number.isFinite(value) ? String(value) : '')
  }
  return (
    <Input
      className="form-input goods-editor__box"
      name={name}
      {...BOX}
      value={text}
      onInput={(e) => {
        setText(e.detail.value)
        const read = readCount(e.detail.value)
        setSeen(read.count)
        onChange(read.count, read.problem)
      }}
    />
  )
}
