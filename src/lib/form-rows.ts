// The rows of a list inside a form (家庭成员, 风险, 缺席人员, 诉求, 物资): change one, remove one,
// add one. Each hands the whole new list to `onChange`, as a controlled field does.
export const rowsOf = <R extends object>(rows: readonly R[], onChange: (rows: R[]) => void) => ({
  patch: (index: number, change: Partial<R>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row))),
  remove: (index: number) => onChange(rows.filter((_, i) => i !== index)),
  add: (row: R) => onChange([...rows, row]),
})
