// The village list import's layout (docs/exports.md, "Import · 村名单"), defined once: the template
// is written from it and the parser reads by it. One sheet, one row per village, the columns of
// village.create's form (ZVillageFields).
import type { Role } from '../../../common/enums'
import type { ImportColumn } from './household-roster-columns'

/** Who keeps the list of villages, as village.create (adminProcedure): the import and its template. */
export const VILLAGE_LIST_ROLES = ['ADMIN'] as const satisfies readonly Role[]

export const VILLAGE_SHEET = '村名单'
export const VILLAGE_NOTES_SHEET = '说明'

/** The template's example row has this 村名, and is skipped on import (with a warning). */
export const VILLAGE_EXAMPLE_NAME = '示例'

/** A province has about 2,000 villages: one file may hold them all. */
export const VILLAGE_IMPORT_MAX_ROWS = 5000

export type VillageColumnKey = 'name' | 'county' | 'township' | 'adminCode'

const text = <K extends VillageColumnKey>(key: K, header: string, example: string, note: string, width = 16) =>
  ({ key, header, kind: 'text', isRequired: true, example, note, width }) as const satisfies ImportColumn

export const VILLAGE_COLUMNS = [
  text('name', '村名', VILLAGE_EXAMPLE_NAME, `如 前跃村；村名为「${VILLAGE_EXAMPLE_NAME}」的示例行不会导入`),
  text('county', '所属县（区）', '大通县', '县、区或县级市，如 大通县'),
  text('township', '所属乡（镇）', '良教乡', '乡、镇或街道，如 良教乡'),
  text(
    'adminCode',
    '行政区划代码',
    '630121105201',
    '12 位村级代码，如 630121105201；前 6 位相同的村须属于同一个县（区），前 9 位相同的须属于同一个乡（镇）',
    18,
  ),
] as const satisfies readonly ImportColumn[]
