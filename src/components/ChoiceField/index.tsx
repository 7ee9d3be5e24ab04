// A form field to choose in: its label, a SelectField, and its error beside it (FormField).
// `value`, `onChange` and `error` come from useForm's `field(key)`.
import { FormField } from '../FormField'
import { SelectField } from '../SelectField'

/** A field choosing one of a few values, however it shows them (a select, or chips). */
export type ChoiceProps<V extends string> = {
  label: string
  options: readonly { value: V; label: string }[]
  value: V | null | undefined
  onChange: (value: V) => void
  error?: string | undefined
  required?: boolean
  testId?: string
}

type Props<V extends string> = ChoiceProps<V> & { placeholder?: string }

export const ChoiceField = <V extends string>({ label, error, required, ...select }: Props<V>) => (
  <FormField label={label} error={error} required={required}>
    <SelectField {...select} />
  </FormField>
)
