// The zod field schemas that forms and procedures share. Everything else in common/ is free of
// zod, so that pages without forms (the mini-program's main package) do not carry it.
import { z } from 'zod'
import { MAX_FEN } from '../money'
import { normaliseName } from '../names'
import { type IdNumberProblem, idNumberProblem } from '../personal-data'

// ─── Messages ───────────────────────────────────────────────────────────────────────

/** Nothing entered: left out, null, or an empty string (what an unchosen select sends). */
const isMissing = (input: unknown) => input === undefined || input === null || input === ''

/** What is wrong with the value itself: its type, an enum's choice, an id's format. */
const INVALID_VALUE_CODES = new Set(['invalid_type', 'invalid_value', 'invalid_format'])

/**
 * A field's `error`: `missing` when nothing was entered, `invalid` (when given) for a value of the
 * wrong type, outside an enum or malformed. Everything else, and checks without a message of their
 * own, fall through to the Chinese error map (common/zod-zh.ts). A bare message string would answer
 * every such problem with "请填写…", however much was entered: zod applies it to them all.
 */
export const whenMissing = (missing: string, invalid?: string) => ({
  error: (issue: z.core.$ZodRawIssue) => {
    if (isMissing(issue.input)) return missing
    return invalid && INVALID_VALUE_CODES.has(issue.code ?? '') ? invalid : undefined
  },
})

/**
 * `.int()`'s params, so that it judges wholeness only. zod's int check also refuses numbers past
 * 2^53, with the same message: 1e20 yuan would be told it is not exact to the fen. Every whole
 * number field has bounds far inside 2^53, whose own messages tell such numbers they are too large.
 */
export const wholeNumber = (error: string) => ({
  error,
  // Replaces zod's own condition (no failed type check), hence the typeof.
  when: (payload: z.core.ParsePayload) =>
    typeof payload.value === 'number' && Math.abs(payload.value) <= Number.MAX_SAFE_INTEGER,
})

// ─── Whole-record checks ────────────────────────────────────────────────────────────

/**
 * A whole-record check (one field against another: 只能有一位户主, 请选择走访的困难户) that runs with
 * the fields' own checks, so that a form shows every error on the first save: zod skips such a
 * check once any field failed. Where a field failed, the check sees it as sent, not as parsed;
 * what it cannot read there, that field's own error already says. Spread into superRefine:
 * `.superRefine(...wholeRecord(check))`.
 */
export const wholeRecord = <T>(check: (value: T, ctx: z.RefinementCtx<T>) => void) =>
  [
    (value: T, ctx: z.RefinementCtx<T>) => {
      if (!ctx.issues.length) return check(value, ctx)
      try {
        check(value, ctx)
      } catch {
        // A field as sent (null for a list…): the record is refused for that field already.
      }
    },
    { when: (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null },
  ] as const

// ─── Names ──────────────────────────────────────────────────────────────────────────

export { normaliseName }

/**
 * A name field: people (户主, members, absentees, donors), orgs (责任单位), and the searches that
 * look for them. Add `.min`/`.max` as the field needs; they count the normalised name.
 */
export const nameText = (missing?: string) =>
  (missing ? z.string(whenMissing(missing)) : z.string()).overwrite(normaliseName)

// ─── Money: integer fen ─────────────────────────────────────────────────────────────

export const ZFen = z
  .number(whenMissing('请填写金额', '金额必须是数字'))
  .int(wholeNumber('金额必须精确到分'))
  .min(0, '金额不能为负数')
  .max(MAX_FEN, '金额不能超过 1 亿元')

// ─── Calendar days, YYYY-MM-DD ──────────────────────────────────────────────────────

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar day the ledger can hold: 1900 to 2100 (PostgreSQL has no year 0). */
export const ZDateOnly = z.iso
  .date({
    error: (issue) => {
      if (isMissing(issue.input)) return '请选择日期'
      // Well formed, so the day itself is wrong: 2025-02-30, 2025-13-01.
      if (typeof issue.input === 'string' && DAY_SHAPE.test(issue.input))
        return `${issue.input} 这一天不存在，请核对日期`
      return '日期格式应为 YYYY-MM-DD'
    },
  })
  .refine((day) => day >= '1900-01-01' && day <= '2100-12-31', '日期应在 1900 年到 2100 年之间')

/** YYYY-MM, 1900 to 2100. */
export const ZMonth = z.string().regex(/^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

/** A record's version, as loaded by a form; the optimistic-locking check compares it. */
export const ZVersion = z.number().int().min(1).max(2_147_483_647)

// ─── Personal data ──────────────────────────────────────────────────────────────────

const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号码应为 18 位，最后一位可以是数字或 X',
  birthDate: '身份证号码中的出生日期不正确',
  checkDigit: '身份证号码校验位不正确，请核对',
}

export const ZIdNumber = z
  .string(whenMissing('请填写身份证号码'))
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES[problem] })
  })

export const ZMobilePhone = z
  .string(whenMissing('请填写手机号码'))
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位数字，以 1 开头')

// ─── Lists and records ──────────────────────────────────────────────────────────────

/** Cursor pagination, the same for every list: pass back `nextCursor` to get the next page. */
export const ZPage = z.object({
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(20),
})

export const ZById = z.object({ id: z.uuid('编号格式不正确') })

/**
 * Every mutation may carry a client-made UUID; a replay with it returns the first result
 * (server/services/idempotency.ts). The offline queue always sends one.
 */
export const ZClientMutationId = z.uuid('提交编号格式不正确').optional()

/**
 * A change that ends a record and keeps it, with the reason the audit log keeps: 作废 a donation or
 * a handover, 撤销 an org. `what` names it in the messages (作废, 撤销).
 */
export const ZEndWithReason = (what: string) =>
  z.object({
    clientMutationId: ZClientMutationId,
    id: z.uuid(),
    version: ZVersion,
    reason: z
      .string(whenMissing(`请填写${what}原因`))
      .trim()
      .min(2, `请填写${what}原因`)
      .max(200, `${what}原因不能超过 200 个字`),
  })

// ─── 慰问物资: goods lines ──────────────────────────────────────────────────────────

const ZGoodsLine = z.object({
  item: z.string(whenMissing('请填写物资名称')).trim().min(1, '请填写物资名称').max(30, '物资名称不能超过 30 个字'),
  quantity: z
    .number(whenMissing('请填写数量'))
    .int(wholeNumber('数量须为整数'))
    .min(1, '数量至少为 1')
    .max(1_000_000, '数量过大'),
  unit: z.string(whenMissing('请填写单位')).trim().min(1, '请填写单位，如 袋、桶、箱').max(10, '单位不能超过 10 个字'),
  /** 单价 in fen; the line's value is quantity × unit value. */
  unitValueFen: ZFen,
})

const lineValue = (line: { quantity: number; unitValueFen: number }) => line.quantity * line.unitValueFen

/** A list of goods lines, each line's value and their total within MAX_FEN. */
export const ZGoodsLines = z
  .array(ZGoodsLine)
  .max(30, '物资最多 30 项')
  .superRefine((lines, ctx) => {
    lines.forEach((line, i) => {
      if (lineValue(line) > MAX_FEN) {
        ctx.addIssue({ code: 'custom', path: [i, 'unitValueFen'], message: '单价乘数量超过 1 亿元，请核对' })
      }
    })
    if (lines.reduce((sum, line) => sum + lineValue(line), 0) > MAX_FEN) {
      ctx.addIssue({ code: 'custom', message: '物资总价值不能超过 1 亿元，请核对' })
    }
  })
