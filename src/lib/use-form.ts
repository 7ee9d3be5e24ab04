// Form state with errors per field: checked with the shared zod schema before sending, and
// filled from the server's answer when it refuses (VALIDATION_FAILED, CONFLICT…).
import { useState } from 'react'
import type { z } from 'zod'
import { fieldErrorsOf, userMessage } from './errors'
import { revealFirstError } from './reveal-error'
import { toast } from './toast'
import { type FieldErrors, firstError, validate } from './validate'

export const useForm = <T extends object>(initial: T) => {
  const [values, setValues] = useState<T>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})

  /** Changes some fields; their errors go, the person having acted on them. */
  const update = (change: Partial<T>) => {
    setValues((current) => ({ ...current, ...change }))
    setErrors((current) => {
      const kept = { ...current }
      for (const key of Object.keys(change)) delete kept[key]
      return kept
    })
  }
  const set = <K extends keyof T>(key: K, value: T[K]) => update({ [key]: value } as unknown as Partial<T>)

  /** One field's value, setter and error, for a control such as TextField or SelectField. */
  const field = <K extends keyof T & string>(key: K) => ({
    value: values[key],
    onChange: (value: T[K]) => set(key, value),
    error: errors[key],
  })

  /**
   * Checks the input; on success hands the parsed value on, else shows every error under its field
   * and scrolls to the first (a toast only for a message no field shows).
   */
  const check = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null => {
    const result = validate(schema, input)
    if (result.ok) {
      setErrors({})
      return result.data
    }
    setErrors(result.errors)
    revealFirstError(firstError(result.errors))
    return null
  }

  /**
   * For a mutation's onError: the server's field errors in place, scrolled to; its message as a
   * toast when it names no field (or none this form shows).
   */
  const onServerError = (error: unknown) => {
    const fieldErrors = fieldErrorsOf(error)
    setErrors(fieldErrors)
    if (Object.keys(fieldErrors).length) revealFirstError(userMessage(error))
    else toast(userMessage(error))
  }

  return { values, setValues, set, update, field, errors, setErrors, check, onServerError }
}
