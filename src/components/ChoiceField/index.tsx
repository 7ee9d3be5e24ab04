// A form field to choose in: its label, a SelectField, and its error beside it (FormField).
// `value`, `onChange` and `error` come from useForm's `field(key)`.
import { FormField } from '../FormField'
import { SelectField } from '../SelectField'

type Props<V extends string> = {
  label: string
  options: readonly { value: V; label: string }[]
  value: V | null | undefined
  onChange: (value: V) => void
  error?: string | undefined
  required?: boolean
  placeholder?: string
  testId?: string
}

export const ChoiceField = <V extends string>({ label, error, required, ...select }: Props<V>) => (
  <FormField label={label} error={error} required={required}>
    <SelectField {...select} />
  </FormField>
)
