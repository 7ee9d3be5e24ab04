// Plain-Chinese fallback messages for zod, for the fields whose schema gives no message of
// its own. Imported once by the server and once by the app, before any schema is used.
import { z } from 'zod'

type Issue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0]

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
  bigint: '整数',
}

/** Left out or null: for an enum or an id as much as for any other field. */
const isMissing = (issue: Issue) =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_format') &&
  (issue.input === undefined || issue.input === null)

const describe = (issue: Issue): string | undefined => {
  if (isMissing(issue)) return '此项必填'
  switch (issue.code) {
    case 'invalid_type':
      return `格式不正确，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '此项不能为空' : `至少 ${issue.minimum} 个字`
      if (issue.origin === 'array')
        return Number(issue.minimum) <= 1 ? '请至少选择一项' : `请至少选择 ${issue.minimum} 项`
      return `不能小于 ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`
      return `不能大于 ${issue.maximum}`
    case 'invalid_value':
      return '请从给定的选项中选择'
    case 'invalid_format':
      if (issue.format === 'uuid') return '编号格式不正确'
      if (issue.format === 'date') return '日期格式应为 YYYY-MM-DD'
      return '格式不正确'
    case 'not_multiple_of':
      return '数值不符合要求'
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`
    default:
      return undefined
  }
}

z.config({ customError: (issue) => describe(issue) })
