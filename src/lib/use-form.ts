// Form state with errors per field: checked with the shared zod schema before sending, and
// filled from the server's answer when it refuses (VALIDATION_FAILED, CONFLICT…).
import { useState } from 'react'
import type { z } from 'zod'
import { fieldErrorsOf, userMessage } from './errors'
import { toast } from './toast'
import { type FieldErrors, firstError, validate } from './validate'

export const useForm = <T extends object>(initial: T) => {
  const [values, setValues] = useState<T>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})

  const set = <K extends keyof T>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }))
    setErrors(({ [key as string]: _cleared, ...rest }) => rest)
  }

  /** Checks the input; on success hands the parsed value on, else shows why. */
  const check = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null => {
    const result = validate(schema, input)
    if (result.ok) {
      setErrors({})
      return result.data
    }
    setErrors(result.errors)
    const message = firstError(result.errors)
    if (message) toast(message)
    return null
  }

  /** For a mutation's onError: the server's message as a toast, its field errors in place. */
  const onServerError = (error: unknown) => {
    setErrors(fieldErrorsOf(error))
    toast(userMessage(error))
  }

  return { values, setValues, set, errors, setErrors, check, onServerError }
}
