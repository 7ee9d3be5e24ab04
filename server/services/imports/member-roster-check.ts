// The 党员花名册 import's reading and checking (the household roster's way, docs/exports.md
// "Import"): each row's name and phone by the account schemas' own rules, its org by full name
// within the caller's subtree (one open org of that name, or a row error), phones once in the
// file, and a phone already an account's only under the same name. What each row will do is
// decided here: a new account, the 党员 role added to an existing one, or nothing.
import type {
  MemberImportIssue,
  MemberImportIssueCode,
  MemberRosterReport,
} from '../../../common/contracts/import/member-roster-import'
import { ZDisplayName, ZMobilePhone } from '../../../common/contracts/user/user-fields'
import { AppError } from '../../errors'
import { Prisma } from '../../generated/prisma/client'
import { liveOn } from '../auth/periods'
import { isInSubtree } from '../orgs/org-access'
import type { ServiceContext } from '../service-context'
import type { CellValue } from './household-roster-cells'
import { IMPORT_MAX_ROWS } from './household-roster-columns'
import { dryRunOf } from './import-commit'
import { collectIssues, issueAt } from './import-issues'
import { openWorkbook, readSheet, type SheetRow } from './import-workbook'
import { EXAMPLE_NAME, MEMBER_COLUMNS, MEMBER_SHEET, type MemberColumnKey } from './member-roster-columns'

/** A problem on the one sheet. */
const issue = (row: number | null, column: string | null, code: MemberImportIssueCode, message: string) =>
  issueAt(MEMBER_SHEET, row, column, code, message)

/** A text column's cell (member-roster-columns.ts): blank as ''. */
const textOf = (value: CellValue) => (value === undefined ? '' : String(value))

const headerOf = (key: MemberColumnKey) => MEMBER_COLUMNS.find((c) => c.key === key)?.header ?? null

export type ParsedMemberRoster = {
  /** sha256 of the file's bytes, hex: what the commit must quote. */
  digest: string
  rows: SheetRow<MemberColumnKey>[]
  errors: MemberImportIssue[]
  warnings: MemberImportIssue[]
}

/** The file, read: refuses what is not an .xlsx, or too many rows; cell problems are collected. */
export const parseMemberRosterFile = async (bytes: Buffer): Promise<ParsedMemberRoster> => {
  const { digest, workbook } = await openWorkbook(bytes)
  const sheet = workbook.getWorksheet(MEMBER_SHEET)
  if (!sheet) {
    const missing = issue(null, null, 'MISSING_SHEET', `文件中没有「${MEMBER_SHEET}」工作表，请使用导入模板`)
    return { digest, rows: [], errors: [missing], warnings: [] }
  }
  if (sheet.actualRowCount - 1 > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS')
  const read = readSheet(sheet, {
    columns: MEMBER_COLUMNS,
    example: { key: 'displayName', value: EXAMPLE_NAME, label: '姓名' },
  })
  return { digest, ...read }
}

/** What one row will do. */
export type MemberPlan = {
  row: number
  displayName: string
  phone: string
  title: string | null
  org: { id: string; name: string }
  /** CREATE: a new account; ADD_ROLE: the 党员 role for an existing one; UNCHANGED: it is a 党员 there already. */
  action: 'CREATE' | 'ADD_ROLE' | 'UNCHANGED'
  /** The existing account, for ADD_ROLE and UNCHANGED. */
  userId: string | null
}

export type MemberRosterChecked = MemberRosterReport & {
  /** Every row's plan; empty when there are errors. */
  plans: MemberPlan[]
}

type OrgRow = { id: string; name: string; path: string; closedAt: Date | null }
type AccountRow = { id: string; displayName: string; phone: string; isActive: boolean }

/**
 * Every row of the file checked against the database. `lock`: inside the commit's transaction, the
 * orgs named are held against closing and the accounts found against change until it commits.
 */
export const checkMemberRoster = async ({
  ctx,
  parsed,
  lock = false,
}: {
  ctx: ServiceContext
  parsed: ParsedMemberRoster
  lock?: boolean
}): Promise<MemberRosterChecked> => {
  const { errors, fail, warn, listed } = collectIssues(parsed)
  if (!parsed.rows.length && !errors.length)
    fail(issue(null, null, 'NO_MEMBERS', '文件中没有要导入的党员，请在模板中填写后再上传'))

  // Each row's own fields, by the account schemas.
  type Candidate = { row: number; displayName: string; phone: string; orgName: string; title: string | null }
  const candidates: Candidate[] = []
  const firstRowOfPhone = new Map<string, number>()
  for (const { row, values } of parsed.rows) {
    const name = ZDisplayName.safeParse(values.displayName ?? '')
    const phone = ZMobilePhone.safeParse(values.phone ?? '')
    const orgName = textOf(values.orgName)
    const title = textOf(values.title) || null
    if (!name.success)
      fail(issue(row, headerOf('displayName'), 'INVALID_VALUE', name.error.issues[0]?.message ?? '请填写姓名'))
    if (!phone.success)
      fail(issue(row, headerOf('phone'), 'INVALID_VALUE', phone.error.issues[0]?.message ?? '请填写手机号码'))
    if (!orgName) fail(issue(row, headerOf('orgName'), 'INVALID_VALUE', '请填写所在党组织的全称'))
    if (title && title.length > 30) fail(issue(row, headerOf('title'), 'INVALID_VALUE', '职务不能超过 30 个字'))
    if (phone.success) {
      const first = firstRowOfPhone.get(phone.data)
      if (first !== undefined) {
        fail(issue(row, headerOf('phone'), 'DUPLICATE_IN_FILE', `与第${first}行的手机号重复`))
        continue
      }
      firstRowOfPhone.set(phone.data, row)
    }
    if (name.success && phone.success && orgName && !(title && title.length > 30))
      candidates.push({ row, displayName: name.data, phone: phone.data, orgName, title })
  }

  // Orgs by full name: the one open org of that name in the caller's subtree.
  const orgNames = [...new Set(candidates.map((c) => c.orgName))]
  const orgs = orgNames.length
    ? await ctx.db.$queryRaw<OrgRow[]>`
        SELECT "id", "name", "path", "closedAt" FROM "Org" WHERE "name" = ANY(${orgNames})
        ORDER BY "id" ${lock ? Prisma.sql`FOR SHARE` : Prisma.empty}`
    : []
  const orgOf = (candidate: Candidate): OrgRow | null => {
    const inScope = orgs.filter((o) => o.name === candidate.orgName && isInSubtree(ctx.actor, o.path))
    const open = inScope.filter((o) => !o.closedAt)
    const column = headerOf('orgName')
    if (open.length === 1) return open[0] ?? null
    if (open.length > 1)
      fail(
        issue(
          candidate.row,
          column,
          'AMBIGUOUS_ORG',
          `有多个名为「${candidate.orgName}」的党组织，无法确定是哪一个，请联系管理员`,
        ),
      )
    else if (inScope.length)
      fail(issue(candidate.row, column, 'ORG_CLOSED', `「${candidate.orgName}」已撤销，不能再添加党员`))
    else
      fail(
        issue(
          candidate.row,
          column,
          'UNKNOWN_ORG',
          `没有找到名为「${candidate.orgName}」的党组织；请填写本组织或下级组织的全称`,
        ),
      )
    return null
  }

  // Accounts by phone: the same person only when the name matches too.
  const phones = candidates.map((c) => c.phone)
  const accounts = phones.length
    ? await ctx.db.$queryRaw<AccountRow[]>`
        SELECT "id", "displayName", "phone", "isActive" FROM "User" WHERE "phone" = ANY(${phones})
        ORDER BY "id" ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`
    : []
  const memberships = accounts.length
    ? await ctx.db.membership.findMany({
        where: { userId: { in: accounts.map((a) => a.id) }, role: 'MEMBER', ...liveOn() },
        select: { userId: true, orgId: true },
      })
    : []

  const plans: MemberPlan[] = []
  for (const candidate of candidates) {
    const org = orgOf(candidate)
    const account = accounts.find((a) => a.phone === candidate.phone)
    const phoneColumn = headerOf('phone')
    if (account && account.displayName !== candidate.displayName) {
      fail(
        issue(
          candidate.row,
          phoneColumn,
          'PHONE_TAKEN',
          '这个手机号已是另一位姓名不同的人员的账号，请核对姓名和手机号',
        ),
      )
      continue
    }
    if (account && !account.isActive) {
      fail(issue(candidate.row, phoneColumn, 'ACCOUNT_INACTIVE', '这个手机号的账号已停用，请联系管理员启用后再导入'))
      continue
    }
    if (!org) continue
    const isMember = account && memberships.some((m) => m.userId === account.id && m.orgId === org.id)
    if (account)
      warn(
        isMember
          ? issue(candidate.row, phoneColumn, 'ALREADY_MEMBER', `已是「${org.name}」的党员，不会重复添加`)
          : issue(
              candidate.row,
              phoneColumn,
              'EXISTING_ACCOUNT',
              `已有这个手机号的账号，将添加「${org.name}」的党员身份`,
            ),
      )
    plans.push({
      row: candidate.row,
      displayName: candidate.displayName,
      phone: candidate.phone,
      title: candidate.title,
      org: { id: org.id, name: org.name },
      action: !account ? 'CREATE' : isMember ? 'UNCHANGED' : 'ADD_ROLE',
      userId: account?.id ?? null,
    })
  }

  const count = (action: MemberPlan['action']) => plans.filter((p) => p.action === action).length
  return {
    digest: parsed.digest,
    counts: {
      rows: parsed.rows.length,
      newAccounts: count('CREATE'),
      rolesAdded: count('ADD_ROLE'),
      unchanged: count('UNCHANGED'),
    },
    ...listed(),
    plans: errors.length ? [] : plans,
  }
}

/** What a dry run answers: the check, without the plans. */
export const dryRunMemberRoster = async (options: { ctx: ServiceContext; parsed: ParsedMemberRoster }) => {
  const { plans: _plans, ...check } = await checkMemberRoster(options)
  return dryRunOf(check)
}
