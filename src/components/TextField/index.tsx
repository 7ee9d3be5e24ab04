// A form field to type in: its label, the box (one line, or several with TextAreaField), and its
// error beside it (FormField). `value`, `onChange` and `error` come from useForm's `field(key)`.
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
  maxlength?: number
}

export const TextField = ({
  label,
  error,
  required,
  hint,
  onChange,
  ...box
}: Props & { type?: 'number' | 'digit'; password?: boolean }) => (
  <FormField label={label} error={error} required={required} hint={hint}>
    <Input className="form-input" {...box} onInput={(e) => onChange(e.detail.value)} />
  </FormField>
)

export const TextAreaField = ({ label, error, required, hint, onChange, ...box }: Props) => (
  <FormField label={label} error={error} required={required} hint={hint}>
    <Textarea className="form-textarea" {...box} onInput={(e) => onChange(e.detail.value)} />
  </FormField>
)
