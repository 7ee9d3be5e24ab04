// Forms check their input with the same zod schemas as the server, before sending, and show
// each message beside its field.
import '../../common/zod-zh'
import type { z } from 'zod'

export type FieldErrors = Record<string, string>

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

export const validate = <S extends z.ZodType>(schema: S, value: unknown): Validation<z.output<S>> => {
  const result = schema.safeParse(value)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_form'
    if (!errors[key]) errors[key] = issue.message
  }
  return { ok: false, errors }
}

/** The first message, for a toast when the field itself is off screen. */
export const firstError = (errors: FieldErrors): string | undefined => Object.values(errors)[0]
