// What no form produces and PostgreSQL cannot store is refused at the door, for every procedure,
// before the idempotency fingerprint or any service sees it: text with NUL or other control
// characters, or with unpaired UTF-16 surrogates (not valid Unicode, refused by text and JSON
// columns), and nesting deeper than any of our inputs (which would otherwise exhaust the stack).
export const MAX_INPUT_DEPTH = 32

// C0 controls other than tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export type InputProblem = { path: string; message: string }

const joinPath = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key))

export const inputProblem = (value: unknown, path = '', depth = 0): InputProblem | null => {
  if (depth > MAX_INPUT_DEPTH) return { path, message: '提交的内容层级过深，无法处理' }
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) return { path, message: '内容中含有无法保存的控制字符，请删除后重试' }
    if (LONE_SURROGATE.test(value)) return { path, message: '内容中含有无法识别的字符，请删除后重试' }
    return null
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = inputProblem(item, joinPath(path, i), depth + 1)
      if (problem) return problem
    }
    return null
  }
  if (value instanceof Map || value instanceof Set) return inputProblem([...value], path, depth)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = inputProblem(key, joinPath(path, key), depth + 1)
      if (keyProblem) return keyProblem
      const problem = inputProblem(item, joinPath(path, key), depth + 1)
      if (problem) return problem
    }
  }
  return null
}
