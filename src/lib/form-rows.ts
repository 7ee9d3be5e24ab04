// The rows of a list inside a form (家庭成员, 风险, 缺席人员, 诉求, 物资): change one, remove one,
// add one. Each hands the whole new list to `onChange`, as a controlled field does. With the form's
// errors and the list's path (`members`), a row's field is handed to a control as useForm's is.
import type { FieldErrors } from './validate'

export const rowsOf = <R extends object>(
  rows: readonly R[],
  onChange: (rows: R[]) => void,
  checked?: { errors: FieldErrors; path: string },
) => {
  const patch = (index: number, change: Partial<R>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)))
  /** The error under `<path>.<index>.<key>`, as the schema names it. */
  const errorOf = (index: number, key: keyof R & string) => checked?.errors[`${checked.path}.${index}.${key}`]
  return {
    patch,
    remove: (index: number) => onChange(rows.filter((_, i) => i !== index)),
    add: (row: R) => onChange([...rows, row]),
    errorOf,
    /** One row's field for a control such as TextField or ChoiceField: value, setter and error. */
    field: <K extends keyof R & string>(index: number, key: K) => {
      const row = rows[index]
      if (row === undefined) throw new RangeError(`no row ${index} in ${checked?.path ?? 'the list'}`)
      return {
        value: row[key],
        onChange: (value: R[K]) => patch(index, { [key]: value } as unknown as Partial<R>),
        error: errorOf(index, key),
      }
    },
  }
}
