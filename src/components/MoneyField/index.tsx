// A form field for an amount in yuan: its label, the MoneyInput, and its error beside it. `valueFen`,
// `onChange` and `error` come from useMoneyField.
import { FormField } from '../FormField'
import { MoneyInput } from '../MoneyInput'

type Props = {
  label: string
  valueFen: number | undefined
  onChange: (fen: number | undefined, problem: string | undefined) => void
  error?: string | undefined
  required?: boolean
  /** The box's name: what the browser tests fill in. */
  name?: string
}

export const MoneyField = ({ label, error, required, ...input }: Props) => (
  <FormField label={label} error={error} required={required}>
    <MoneyInput {...input} />
  </FormField>
)
