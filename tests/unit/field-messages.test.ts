// The message a person sees names the real problem: a day that does not exist is not a format
// error, an amount too large is not an inexact one, and a value of the wrong type is not a
// missing one. Checked on the shared schemas, as the app's forms run them.
import '../../common/zod-zh'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ZCreateActivityRequestSchema } from '../../common/contracts/activity/create-activity'
import { ZCreateDonationRequestSchema } from '../../common/contracts/donation/create-donation'
import { normaliseName, ZDateOnly, ZFen } from '../../common/contracts/fields'
import { ZHouseholdMemberInput } from '../../common/contracts/household/household-fields'
import { ZNeedFields } from '../../common/contracts/need/need-fields'
import { parseYuan } from '../../common/money'

type Path = (string | number)[]

/** The messages a schema gives for the value at `path` (every message when `path` is omitted). */
const messagesOf = (schema: z.ZodType, value: unknown, path?: Path): string[] => {
  const result = schema.safeParse(value)
  if (result.success) return []
  return result.error.issues
    .filter((issue) => !path || issue.path.join('.') === path.join('.'))
    .map((issue) => issue.message)
}

describe('calendar days', () => {
  it('tells a day that does not exist so, and keeps the format message for a malformed one', () => {
    expect(messagesOf(ZDateOnly, '2025-02-30')).toEqual(['2025-02-30 这一天不存在，请核对日期'])
    expect(messagesOf(ZDateOnly, '2025-13-01')).toEqual(['2025-13-01 这一天不存在，请核对日期'])
    expect(messagesOf(ZDateOnly, '2023-02-29')).toEqual(['2023-02-29 这一天不存在，请核对日期'])
    expect(messagesOf(ZDateOnly, '2024-02-29')).toEqual([])
    expect(messagesOf(ZDateOnly, '2025/02/28')).toEqual(['日期格式应为 YYYY-MM-DD'])
    expect(messagesOf(ZDateOnly, '2025-2-8')).toEqual(['日期格式应为 YYYY-MM-DD'])
    expect(messagesOf(ZDateOnly, 20250228)).toEqual(['日期格式应为 YYYY-MM-DD'])
    expect(messagesOf(ZDateOnly, undefined)).toEqual(['请选择日期'])
    expect(messagesOf(ZDateOnly, '1899-12-31')).toEqual(['日期应在 1900 年到 2100 年之间'])
  })
})

describe('money', () => {
  it('tells an amount past ¥1亿 it is too large, however large, and nothing else', () => {
    for (const fen of [10_000_000_001, 2 ** 53, 1e22, Number.MAX_VALUE]) {
      expect(messagesOf(ZFen, fen)).toEqual(['金额不能超过 1 亿元'])
    }
    expect(messagesOf(ZFen, -1e22)).toEqual(['金额不能为负数'])
    expect(messagesOf(ZFen, 100.5)).toEqual(['金额必须精确到分'])
    expect(messagesOf(ZFen, '100')).toEqual(['金额必须是数字'])
    expect(messagesOf(ZFen, undefined)).toEqual(['请填写金额'])
    expect(messagesOf(ZFen, 10_000_000_000)).toEqual([])
  })

  it('still shows the other problems of a form with an amount too large', () => {
    const donation = {
      recipientKind: 'VILLAGE',
      villageId: '0196a1b2-0000-7000-8000-000000000003',
      kind: 'CASH',
      amountFen: 1e22,
      receivedOn: '2025-01-23',
    }
    expect(messagesOf(ZCreateDonationRequestSchema, donation, ['amountFen'])).toEqual(['金额不能超过 1 亿元'])
    expect(messagesOf(ZCreateDonationRequestSchema, donation, ['donorName'])).toEqual([
      '请选择捐赠单位或填写捐赠方名称',
    ])
  })

  it('tells a typed amount past ¥1亿 it is too large before it counts its decimals', () => {
    expect(parseYuan('100000000000000000000')).toEqual({ ok: false, message: '金额不能超过 1 亿元' })
    expect(parseYuan('100000000000000000000.125')).toEqual({ ok: false, message: '金额不能超过 1 亿元' })
    expect(parseYuan('100000001.5')).toEqual({ ok: false, message: '金额不能超过 1 亿元' })
    expect(parseYuan('100000000.001')).toEqual({ ok: false, message: '金额最多两位小数（精确到分）' })
    expect(parseYuan('1.')).toEqual({ ok: true, fen: 100 })
  })
})

describe('missing, wrong type, too large', () => {
  const activity = { heldOn: '2025-01-23', organiserOrgId: '0196a1b2-0000-7000-8000-000000000001', theme: '主题党日' }

  it('gives a head-count left out, of the wrong type and too large each its own message', () => {
    const at = (expectedCount: unknown) =>
      messagesOf(ZCreateActivityRequestSchema, { ...activity, expectedCount, presentCount: 0 }, ['expectedCount'])
    expect(at(undefined)).toEqual(['请填写应到人数'])
    expect(at(null)).toEqual(['请填写应到人数'])
    expect(at('44000')).toEqual(['格式不正确，应为数字'])
    expect(at(44000)).toEqual(['人数过大'])
    expect(at(1e22)).toEqual(['人数过大'])
    expect(at(2.5)).toEqual(['人数须为整数'])
  })

  it('asks for a choice only when none was made', () => {
    expect(messagesOf(ZNeedFields, { description: '冬季取暖' }, ['category'])).toEqual(['请选择诉求类别'])
    expect(messagesOf(ZNeedFields, { category: '', description: '冬季取暖' }, ['category'])).toEqual(['请选择诉求类别'])
    expect(messagesOf(ZNeedFields, { category: 'HEAT', description: '冬季取暖' }, ['category'])).toEqual([
      '请从给定的选项中选择',
    ])
  })

  it('asks for every member’s 健康状况, new or already recorded', () => {
    const member = { name: '马德林', relationship: 'HEAD', laborCapacity: 'ABLE' }
    expect(messagesOf(ZHouseholdMemberInput, member, ['health'])).toEqual(['请选择健康状况'])
    const recorded = { ...member, id: '0196a1b2-0000-7000-8000-000000000002' }
    expect(messagesOf(ZHouseholdMemberInput, recorded, ['health'])).toEqual(['请选择健康状况'])
    expect(messagesOf(ZHouseholdMemberInput, { ...member, health: {} }, ['health', 'status'])).toEqual([
      '请选择健康状况',
    ])
    expect(messagesOf(ZHouseholdMemberInput, { ...member, health: { status: 'HEALTHY' } })).toEqual([])
  })
})

// ─── Every field of every contract ──────────────────────────────────────────────────

const CONTRACTS = join(__dirname, '../../common/contracts')

const contractFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? contractFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  )

/** The schema that checks a value itself, through optional, nullable, default and pipe. */
const core = (schema: z.ZodType): z.ZodType => {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return core(schema.unwrap() as z.ZodType)
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return core(schema.unwrap() as z.ZodType)
  if (schema instanceof z.ZodPipe) return core(schema.in as z.ZodType)
  return schema
}

/** Every field's path, into nested objects and the first element of arrays. */
const fieldPaths = (schema: z.ZodType, path: Path = []): Path[] => {
  const inner = core(schema)
  if (inner instanceof z.ZodObject)
    return Object.entries(inner.shape).flatMap(([key, field]) => [
      [...path, key],
      ...fieldPaths(field as z.ZodType, [...path, key]),
    ])
  if (inner instanceof z.ZodArray) return fieldPaths(inner.element as z.ZodType, [...path, 0])
  return []
}

/** The smallest input that holds `value` at `path`; `undefined` leaves the last key out. */
const inputAt = (path: Path, value: unknown): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return value
  const inner = inputAt(rest, value)
  if (typeof head === 'number') return [inner]
  return inner === undefined ? {} : { [head]: inner }
}

describe('every field of every contract', () => {
  it('answers a value of the wrong type with something other than "please fill in"', async () => {
    const wrong: string[] = []
    for (const file of contractFiles(CONTRACTS)) {
      const module = (await import(file)) as Record<string, unknown>
      for (const [name, schema] of Object.entries(module)) {
        if (!(schema instanceof z.ZodType) || !name.endsWith('Schema')) continue
        for (const path of fieldPaths(schema)) {
          const [missing] = messagesOf(schema, inputAt(path, undefined), path)
          if (!missing || missing === '此项必填') continue
          // A boolean, which no field with a message of its own takes.
          const [wrongType] = messagesOf(schema, inputAt(path, true), path)
          if (wrongType === missing) wrong.push(`${name} ${path.join('.')}: ${missing}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('names', () => {
  it('drops zero-width characters, composes to NFC and trims', () => {
    expect(normaliseName('马\u200b德\u200c林\u200d')).toBe('马德林')
    expect(normaliseName('\ufeff马德林\u2060 ')).toBe('马德林')
    expect(normaliseName('Mǎ Délín'.normalize('NFD'))).toBe('Mǎ Délín'.normalize('NFC'))
    // A zero-width space between a letter and its accent no longer keeps them apart.
    expect(normaliseName('De\u200b\u0301lín')).toBe('Délín'.normalize('NFC'))
  })
})
