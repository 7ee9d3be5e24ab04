// An amount in a form, typed in yuan (MoneyInput): the fen go into the form's values; what cannot
// be read as an amount stays as typed, shows beside the field in place of the schema's message,
// and holds the save back.
import { useState } from 'react'
import { revealFirstError } from './reveal-error'
import type { FieldErrors } from './validate'

type MoneyForm<K extends string> = {
  values: { [key in K]: number | undefined }
  set: (key: K, fen: number | undefined) => void
  errors: FieldErrors
}

export const useMoneyField = <K extends string>(form: MoneyForm<K>, key: K) => {
  const [problem, setProblem] = useState<string>()
  return {
    /** For MoneyField. */
    field: {
      valueFen: form.values[key],
      onChange: (fen: number | undefined, unreadable: string | undefined) => {
        setProblem(unreadable)
        form.set(key, fen)
      },
      error: problem ?? form.errors[key],
    },
    /** False while what is typed cannot be read as an amount (its error is then scrolled to). */
    isReadable: () => {
      if (problem) revealFirstError(undefined)
      return !problem
    },
  }
}
