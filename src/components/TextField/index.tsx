// A form field to type in: its label, the box (one line, or several with TextAreaField), and its
// error beside it (FormField). `value`, `onChange` and `error` come from useForm's `field(key)`.
// Nothing typed is cut: Taro's boxes stop at 140 characters unless told otherwise (both targets),
// so they are told -1 (no limit), and a text over its contract's limit is refused by the contract's
// message (「诉求内容不能超过 500 个字」) rather than shortened behind the person's back.
import { Input, Textarea } from '@tarojs/components'
import { FormField } from '../FormField'

type Props = {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  required?: boolean
  hint?: string
  /** The box's name: what the browser tests fill in. */
  name?: string
  placeholder?: string
}

/** Taro's value for a box with no length limit. */
export const NO_LENGTH_LIMIT = -1

export const TextField = ({
  label,
  error,
  required,
  hint,
  onChange,
  ...box
}: Props & { type?: 'number' | 'digit'; password?: boolean }) => (
  <FormField label={label} error={error} required={required} hint={hint}>
    <Input className="form-input" {...box} maxlength={NO_LENGTH_LIMIT} onInput={(e) => onChange(e.detail.value)} />
  </FormField>
)

export const TextAreaField = ({ label, error, required, hint, onChange, ...box }: Props) => (
  <FormField label={label} error={error} required={required} hint={hint}>
    <Textarea
      className="form-textarea"
      {...box}
      maxlength={NO_LENGTH_LIMIT}
      onInput={(e) => onChange(e.detail.value)}
    />
  </FormField>
)
