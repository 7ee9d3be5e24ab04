// An amount in a form, typed in yuan (MoneyInput): the fen go into the form's values; what cannot
// be read as an amount stays here, shows beside the field in place of the schema's message, and
// holds the save back, saying why (`name` is the amount's name in that toast).
import { useState } from 'react'
import { toast } from './toast'
import type { FieldErrors } from './validate'

type MoneyForm<K extends string> = {
  values: { [key in K]: number | undefined }
  set: (key: K, fen: number | undefined) => void
  errors: FieldErrors
}

export const useMoneyField = <K extends string>(form: MoneyForm<K>, key: K, name: string) => {
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
    /** False, with a toast, while what is typed cannot be read as an amount. */
    isReadable: () => {
      if (problem) toast(`${name}：${problem}`)
      return !problem
    },
  }
}
