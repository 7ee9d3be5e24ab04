// The 党员花名册 import's layout (docs/domain.md, "Who sets things up"): one sheet, one row per
// member, read by its headers. The template is written from these columns and the parser reads by
// them; cells are read as the household roster's are (household-roster-cells.ts).
import type { ImportColumn } from './household-roster-columns'

export const MEMBER_SHEET = '党员花名册'
export const MEMBER_NOTES_SHEET = '说明'

/** The template's example row carries this name, and is skipped on import (with a warning). */
export const EXAMPLE_NAME = '示例'

export const MEMBER_COLUMNS = [
  {
    key: 'displayName',
    header: '姓名',
    kind: 'text',
    isRequired: true,
    example: EXAMPLE_NAME,
    note: '2 到 30 个字',
    width: 14,
  },
  {
    key: 'phone',
    header: '手机号',
    kind: 'phone',
    isRequired: true,
    example: '13900000000',
    note: '11 位手机号码，登录用；已有账号的，姓名须一致',
    width: 16,
  },
  {
    key: 'orgName',
    header: '所在党组织',
    kind: 'text',
    isRequired: true,
    example: '××党支部',
    note: '党组织全称，须为本组织或下级组织',
    width: 30,
  },
  {
    key: 'title',
    header: '职务',
    kind: 'text',
    isRequired: false,
    example: '党员',
    note: '如 组织委员、党员；可不填',
    width: 14,
  },
] as const satisfies readonly ImportColumn[]

export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]['key']
