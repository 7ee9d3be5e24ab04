// The 困难户花名册 import's layout (docs/exports.md), defined once: the template is written from it and the
// parser reads by it, so the two cannot drift (tests/server/household-roster-import.test.ts fills
// the template and imports it). Three sheets keyed by 户编号, as the roster export's two
// (docs/exports.md): one row per household, one per member, one per 致贫/返贫 risk.
import {
  HEALTH_STATUS_LABELS,
  HELP_MEASURE_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LABOR_CAPACITY_LABELS,
  RELATIONSHIP_LABELS,
  RISK_CODE_LABELS,
  RISK_ELIMINATION_METHOD_LABELS,
  SCHOOL_STATUS_LABELS,
} from '../../../common/enums'

/** How a cell is read (household-roster-cells.ts). */
export type ImportCellKind =
  | 'text'
  /** Kept as text; a number here lost its last digits in Excel. */
  | 'idNumber'
  | 'phone'
  /** One label of `labels`. */
  | 'enum'
  /** Labels of `labels`, separated by 、 or commas. */
  | 'enumList'
  /** Yuan, at most two decimals → integer fen. */
  | 'yuan'
  /** YYYY-MM-DD, or an Excel date. */
  | 'date'
  /** YYYYMM, or an Excel date. */
  | 'month'
  /** 是 / 否 */
  | 'yesNo'

export type ImportColumn = {
  key: string
  header: string
  kind: ImportCellKind
  isRequired: boolean
  /** Code → Chinese label, for enum columns. */
  labels?: Readonly<Record<string, string>>
  /** What the template's example row holds. */
  example: string | number
  /** For the 说明 sheet. */
  note: string
  width: number
}

const column = (
  key: string,
  header: string,
  kind: ImportCellKind,
  example: string | number,
  note: string,
  options: { isRequired?: boolean; labels?: Readonly<Record<string, string>>; width?: number } = {},
): ImportColumn => ({
  key,
  header,
  kind,
  example,
  note,
  isRequired: options.isRequired ?? false,
  ...(options.labels ? { labels: options.labels } : {}),
  width: options.width ?? 14,
})

export const HOUSEHOLD_SHEET = '户信息'
export const MEMBER_SHEET = '家庭成员'
export const RISK_SHEET = '致贫返贫风险'
export const NOTES_SHEET = '说明'

/**
 * The template's example rows carry this 户编号, and are skipped on import (with a warning), so a
 * template filled in below its example imports as it is.
 */
export const EXAMPLE_CODE = '示例'
/** The example head's ID number: made up, with a valid check digit. */
export const EXAMPLE_ID_NUMBER = '630121196606060019'

/** Each key is the create form's name for the field (household-roster-form.ts), but 帮扶责任人's. */
export const HOUSEHOLD_COLUMNS = [
  column('code', '户编号', 'text', EXAMPLE_CODE, '本村唯一；家庭成员表、风险表用它对应到户', { isRequired: true }),
  column('groupName', '所在组', 'text', '二社', '如 二社'),
  column('headName', '户主姓名', 'text', '马福祥', '', { isRequired: true }),
  column(
    'idNumber',
    '户主身份证号码',
    'idNumber',
    EXAMPLE_ID_NUMBER,
    '18 位；请把本列设为文本，否则 Excel 会丢掉末几位',
    {
      isRequired: true,
      width: 22,
    },
  ),
  column('phone', '联系电话', 'phone', '13900000001', '11 位手机号码'),
  column('householdType', '户类型', 'enum', '脱贫户', '不填为 脱贫户', { labels: HOUSEHOLD_TYPE_LABELS }),
  column('category', '监测类别', 'enum', '边缘易致贫户', '', {
    isRequired: true,
    labels: HOUSEHOLD_CATEGORY_LABELS,
    width: 16,
  }),
  column('incomePerCapitaFen', '家庭人均纯收入（元）', 'yuan', 8600.5, '元，最多两位小数', { width: 20 }),
  column('wageIncomeFen', '工资性收入（元）', 'yuan', 20000, '家庭年收入，元', { width: 18 }),
  column('businessIncomeFen', '生产经营性收入（元）', 'yuan', 5000, '家庭年收入，元', { width: 20 }),
  column('propertyIncomeFen', '财产性收入（元）', 'yuan', '', '家庭年收入，元', { width: 18 }),
  column('transferIncomeFen', '转移性收入（元）', 'yuan', 3200, '家庭年收入，元', { width: 18 }),
  column('helpMeasures', '帮扶措施', 'enumList', '产业帮扶、健康帮扶', '可填多项，用顿号（、）分隔', {
    labels: HELP_MEASURE_LABELS,
    width: 20,
  }),
  column('responsible', '帮扶责任人', 'text', '', '系统中已有账号的姓名；不填则不指定'),
  column('monitoringStartedOn', '监测开始', 'date', '2024-03-01', 'YYYY-MM-DD'),
  column('monitoringEndedOn', '监测结束', 'date', '', 'YYYY-MM-DD；仍在监测的不填'),
  column('notes', '备注', 'text', '', '不超过 1000 字', { width: 20 }),
] as const satisfies readonly ImportColumn[]

export const MEMBER_COLUMNS = [
  column('code', '户编号', 'text', EXAMPLE_CODE, '对应户信息表的户编号', { isRequired: true }),
  column('name', '姓名', 'text', '马福祥', '', { isRequired: true }),
  column('relationship', '与户主关系', 'enum', '户主', '户主本人也列一行，关系填 户主', {
    isRequired: true,
    labels: RELATIONSHIP_LABELS,
  }),
  column('idNumber', '身份证号码', 'idNumber', EXAMPLE_ID_NUMBER, '18 位；请设为文本', { width: 22 }),
  column('healthStatus', '健康状况', 'enum', '长期慢性病', '', { isRequired: true, labels: HEALTH_STATUS_LABELS }),
  column('healthDetail', '健康情况说明', 'text', '高血压', '如病种、残疾等级；加密保存', { width: 18 }),
  column('laborCapacity', '劳动能力', 'enum', '部分丧失劳动能力', '', {
    isRequired: true,
    labels: LABOR_CAPACITY_LABELS,
    width: 18,
  }),
  column('schoolStatus', '在校生状况', 'enum', '非在校生', '不填为 非在校生', { labels: SCHOOL_STATUS_LABELS }),
  column('workInfo', '务工信息', 'text', '', '如 县城建筑工地务工', { width: 18 }),
] as const satisfies readonly ImportColumn[]

export const RISK_COLUMNS = [
  column('code', '户编号', 'text', EXAMPLE_CODE, '对应户信息表的户编号', { isRequired: true }),
  column('riskCode', '风险类型', 'enum', '因病', '每户最多 5 项，同一类只填一次', {
    isRequired: true,
    labels: RISK_CODE_LABELS,
  }),
  column('identifiedMonth', '识别时间', 'month', '202403', 'YYYYMM，如 202403', { isRequired: true }),
  column('isEliminated', '是否已消除', 'yesNo', '否', '是 / 否，不填为 否'),
  column('eliminatedMonth', '消除时间', 'month', '', '已消除时必填，YYYYMM'),
  column('eliminationMethod', '消除方式', 'enum', '', '已消除时必填', { labels: RISK_ELIMINATION_METHOD_LABELS }),
] as const satisfies readonly ImportColumn[]

export type HouseholdColumnKey = (typeof HOUSEHOLD_COLUMNS)[number]['key']
export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]['key']
export type RiskColumnKey = (typeof RISK_COLUMNS)[number]['key']

/** The import's sheets, each with its columns. */
export const ROSTER_SHEETS = {
  household: { name: HOUSEHOLD_SHEET, columns: HOUSEHOLD_COLUMNS },
  member: { name: MEMBER_SHEET, columns: MEMBER_COLUMNS },
  risk: { name: RISK_SHEET, columns: RISK_COLUMNS },
} as const

/** The same, in the template's order. */
export const IMPORT_SHEETS = [ROSTER_SHEETS.household, ROSTER_SHEETS.member, ROSTER_SHEETS.risk] as const

/** At most this many bytes per upload: a village's roster is a few hundred KB. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024
/** At most this many data rows, all sheets together: more than any village has. */
export const IMPORT_MAX_ROWS = 5000
