// The 党员花名册 import over real HTTP: the template, the dry run's row-by-row report, the commit
// (all or nothing, once per key, bound to the checked file), new accounts with one-time passwords
// listed once, the 党员 role added to existing accounts of the same phone and name, the caller's
// subtree, and the refusals the household roster import makes too.
import { createHash, randomUUID } from 'node:crypto'
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  MemberImportIssue,
  MemberRosterCheck,
  MemberRosterCommit,
} from '../../common/contracts/import/member-roster-import'
import { shanghaiDate } from '../../common/dates'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { IMPORT_MAX_ROWS } from '../../server/services/imports/household-roster-columns'
import { MEMBER_NOTES_SHEET, MEMBER_SHEET } from '../../server/services/imports/member-roster-columns'
import { CHINESE } from '../helpers/errors'
import { expectForbidden, expectSignInRequired } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import { expectXlsxAttachment, sheetOf, withRows, workbookOf } from '../helpers/xlsx'

type Row = Partial<Record<'姓名' | '手机号' | '所在党组织' | '职务', ExcelJS.CellValue>>
type ErrorBody = {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> }
  report?: MemberRosterCheck
}

let world: World
let baseUrl: string
let tokens: Record<'admin' | 'secretary' | 'cadre' | 'member', string>
let template: ArrayBuffer
const BRANCH = '西宁市司法局机关党支部'

beforeAll(async () => {
  world = await createWorld()
  const served = await serveWorld(world, ['admin', 'secretary', 'cadre', 'member'])
  baseUrl = served.baseUrl
  tokens = served.tokens
  const response = await downloadTemplate(tokens.secretary)
  expect(response.status).toBe(200)
  template = await response.arrayBuffer()
})

const downloadTemplate = (token: string | null) =>
  fetch(`${baseUrl}/exports/member-roster-template.xlsx`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })

/** The template as downloaded, filled in below its example row. */
const fileOf = (rows: Row[]): Promise<Buffer> => withRows(template, MEMBER_SHEET, rows)

type Query = { mode: string; digest?: string; clientMutationId?: string }

const upload = (token: string | null, query: Query, bytes: Buffer | string, fileName = '党员花名册.xlsx') => {
  const form = new FormData()
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName)
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][])
  return fetch(`${baseUrl}/imports/member-roster?${search}`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
}

const digestOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const dryRun = async (bytes: Buffer, token = tokens.secretary) => {
  const response = await upload(token, { mode: 'dry-run' }, bytes)
  expect(response.status).toBe(200)
  return (await response.json()) as MemberRosterCheck
}

const commit = (bytes: Buffer, clientMutationId: string, token = tokens.secretary, digest = digestOf(bytes)) =>
  upload(token, { mode: 'commit', digest, clientMutationId }, bytes)

const written = async () => {
  const { prisma } = world.deps
  return {
    users: await prisma.user.count(),
    memberships: await prisma.membership.count(),
    audit: await prisma.auditLog.count(),
  }
}

let serial = 0
const newPhone = () => `1360000${String(++serial).padStart(4, '0')}`

const codesOf = (issues: MemberImportIssue[]) => issues.map((i) => [i.row, i.column, i.code])

describe('the template', () => {
  it('is an .xlsx with the columns the parser reads, an example row and a 说明 sheet; its download is audited', async () => {
    const response = await downloadTemplate(tokens.admin)
    const today = shanghaiDate()
    expectXlsxAttachment(response, `党员花名册导入模板-${today}.xlsx`, `member-roster-template-${today}.xlsx`)
    const workbook = await workbookOf(await response.arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual([MEMBER_SHEET, MEMBER_NOTES_SHEET])
    const header: ExcelJS.CellValue[] = []
    sheetOf(workbook, MEMBER_SHEET)
      .getRow(1)
      .eachCell((cell) => header.push(cell.value))
    expect(header).toEqual(['姓名', '手机号', '所在党组织', '职务'])
    expect(sheetOf(workbook, MEMBER_SHEET).getRow(2).getCell(1).value).toBe('示例')
    expect(
      await world.deps.prisma.auditLog.count({
        where: { action: 'export.memberRosterTemplate', actorId: world.ref.users.admin.id },
      }),
    ).toBe(1)
  })

  it('is for administrators and 支部书记', async () => {
    await expectSignInRequired((token) => downloadTemplate(token))
    await expectForbidden(await downloadTemplate(tokens.cadre))
    await expectForbidden(await downloadTemplate(tokens.member))
  })

  it('as downloaded, with only its example row, has nothing to import', async () => {
    const report = await dryRun(await fileOf([]))
    expect(report).toMatchObject({ canCommit: false, errorCount: 1, counts: { rows: 0 } })
    expect(codesOf(report.errors)).toEqual([[null, null, 'NO_MEMBERS']])
    expect(codesOf(report.warnings)).toEqual([[null, null, 'EXAMPLE_ROW_SKIPPED']])
    expect(report.errors[0]?.text).toMatch(CHINESE)
  })
})

describe('a good file', () => {
  let bytes: Buffer
  let phone: string
  let firstCommit: MemberRosterCommit
  const key = randomUUID()

  beforeAll(async () => {
    phone = newPhone()
    bytes = await fileOf([
      { 姓名: '陈新党', 手机号: phone, 所在党组织: BRANCH, 职务: '组织委员' },
      // Already a 党员 of the branch.
      { 姓名: DEMO_ACCOUNTS.member.displayName, 手机号: DEMO_ACCOUNTS.member.phone, 所在党组织: BRANCH },
      // The cadre's account: the 党员 role is added. A phone typed as a number reads the same.
      {
        姓名: DEMO_ACCOUNTS.cadre.displayName,
        手机号: Number(DEMO_ACCOUNTS.cadre.phone),
        所在党组织: BRANCH,
        职务: '党员',
      },
    ])
  })

  it('dry-runs to what each row will do, writing nothing', async () => {
    const before = await written()
    const report = await dryRun(bytes)
    expect(report).toMatchObject({
      mode: 'dry-run',
      digest: digestOf(bytes),
      canCommit: true,
      errorCount: 0,
      counts: { rows: 3, newAccounts: 1, rolesAdded: 1, unchanged: 1 },
    })
    expect(codesOf(report.warnings)).toEqual([
      [null, null, 'EXAMPLE_ROW_SKIPPED'],
      [4, '手机号', 'ALREADY_MEMBER'],
      [5, '手机号', 'EXISTING_ACCOUNT'],
    ])
    expect(await written()).toEqual(before)
  })

  it('commits every row: a new account with a one-time password listed once, and the 党员 role added', async () => {
    const response = await commit(bytes, key)
    expect(response.status).toBe(200)
    firstCommit = (await response.json()) as MemberRosterCommit
    expect(firstCommit).toMatchObject({
      mode: 'commit',
      counts: { rows: 3, newAccounts: 1, rolesAdded: 1, unchanged: 1 },
      created: [{ row: 3, displayName: '陈新党', phone, orgName: BRANCH, oneTimePassword: expect.any(String) }],
      rolesAdded: [{ row: 5, userId: world.ref.users.cadre.id, displayName: DEMO_ACCOUNTS.cadre.displayName }],
    })
    const created = firstCommit.created[0]
    expect(created?.oneTimePassword).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{10}$/)

    // The new member signs in with it, and must change it first; the secretary manages the account.
    const login = await world.anonymous.auth.loginWithPassword({ phone, password: created?.oneTimePassword ?? '' })
    expect(login.user).toMatchObject({ displayName: '陈新党', roles: ['MEMBER'], mustChangePassword: true })
    const detail = await world.secretary.user.byId({ id: created?.userId ?? '' })
    expect(detail).toMatchObject({
      canManage: true,
      roles: [expect.objectContaining({ role: 'MEMBER', title: '组织委员' })],
    })
    const cadre = await world.admin.user.byId({ id: world.ref.users.cadre.id })
    expect(cadre.roles.map((r) => [r.role, r.org.name, r.isCurrent]).sort()).toEqual([
      ['CADRE', BRANCH, true],
      ['MEMBER', BRANCH, true],
    ])
    // Audited: the import, and each account through the services' own entries; no password.
    const entries = await world.deps.prisma.auditLog.findMany({
      where: {
        action: { in: ['member.import', 'user.create', 'user.addRole'] },
        actorId: world.ref.users.secretary.id,
      },
      select: { action: true, entityType: true, before: true, after: true },
    })
    expect(entries.map((e) => e.action).sort()).toEqual(['member.import', 'user.addRole', 'user.create'])
    expect(JSON.stringify(entries)).not.toContain(created?.oneTimePassword)
    expect(JSON.stringify(entries)).not.toContain(phone)
  })

  it('answers the same key with the first result, and writes nothing more', async () => {
    const before = await written()
    const response = await commit(bytes, key)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(firstCommit)
    expect(await written()).toEqual(before)
  })

  it('refuses another file under the key, and a commit whose file is not the one checked', async () => {
    const before = await written()
    const other = await fileOf([{ 姓名: '另一个人', 手机号: newPhone(), 所在党组织: BRANCH }])
    const reused = await commit(other, key)
    expect(reused.status).toBe(409)
    expect(((await reused.json()) as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    const changed = await commit(other, randomUUID(), tokens.secretary, digestOf(bytes))
    expect(changed.status).toBe(409)
    const body = (await changed.json()) as ErrorBody
    expect(body.error).toMatchObject({ code: 'IMPORT_FILE_CHANGED', message: expect.stringMatching(CHINESE) })
    expect(await written()).toEqual(before)
  })
})

describe('row errors', () => {
  it('lists each error by row and column, in Chinese, and a commit writes nothing', async () => {
    const { prisma } = world.deps
    const { orgs } = world.ref
    // Two open orgs of one name in the secretary's subtree; one closed one.
    const twin = await world.admin.org.create({
      name: '机关第一党小组',
      kind: 'BRANCH',
      parentId: orgs.bureauBranch.id,
    })
    await world.admin.org.create({ name: '机关第一党小组', kind: 'BRANCH', parentId: twin.id })
    const closing = await world.admin.org.create({
      name: '已撤销的党小组',
      kind: 'BRANCH',
      parentId: orgs.bureauBranch.id,
    })
    await world.admin.org.close({ id: closing.id, version: closing.version, reason: '合并' })
    const inactive = await world.admin.user.create({
      displayName: '停用党员',
      phone: newPhone(),
      roles: [{ orgId: orgs.bureauBranch.id, role: 'MEMBER' }],
    })
    await world.admin.user.deactivate({ id: inactive.user.id, version: inactive.user.version })

    const repeated = newPhone()
    const bytes = await fileOf([
      { 姓名: '赵一', 手机号: repeated, 所在党组织: BRANCH }, // row 3: fine
      { 姓名: '赵二', 手机号: repeated, 所在党组织: BRANCH }, // 4: the same phone again
      { 姓名: '钱错名', 手机号: DEMO_ACCOUNTS.secretary.phone, 所在党组织: BRANCH }, // 5: another person's phone
      { 姓名: '孙三', 手机号: newPhone(), 所在党组织: '不存在的党支部' }, // 6
      { 姓名: '李四', 手机号: newPhone(), 所在党组织: '前跃村党支部' }, // 7: outside his subtree
      { 姓名: '周五', 手机号: newPhone(), 所在党组织: '已撤销的党小组' }, // 8
      { 姓名: '吴六', 手机号: newPhone(), 所在党组织: '机关第一党小组' }, // 9: two of that name
      { 姓名: '郑七', 手机号: '1234567', 所在党组织: BRANCH }, // 10: not a phone
      { 姓名: '王', 手机号: newPhone(), 所在党组织: BRANCH }, // 11: too short a name
      { 姓名: '冯八', 手机号: newPhone() }, // 12: no org
      { 姓名: '停用党员', 手机号: inactive.user.phone, 所在党组织: BRANCH }, // 13: a deactivated account
    ])
    const report = await dryRun(bytes)
    expect(report.canCommit).toBe(false)
    expect(codesOf(report.errors)).toEqual([
      [4, '手机号', 'DUPLICATE_IN_FILE'],
      [5, '手机号', 'PHONE_TAKEN'],
      [6, '所在党组织', 'UNKNOWN_ORG'],
      [7, '所在党组织', 'UNKNOWN_ORG'],
      [8, '所在党组织', 'ORG_CLOSED'],
      [9, '所在党组织', 'AMBIGUOUS_ORG'],
      [10, '手机号', 'INVALID_VALUE'],
      [11, '姓名', 'INVALID_VALUE'],
      [12, '所在党组织', 'INVALID_VALUE'],
      [13, '手机号', 'ACCOUNT_INACTIVE'],
    ])
    for (const error of report.errors) expect(error.text).toMatch(new RegExp(`^「党员花名册」第${error.row}行 `))
    expect(report.errors.find((e) => e.row === 4)?.message).toBe('与第3行的手机号重复')
    // Another person's account is not named.
    expect(report.errors.find((e) => e.row === 5)?.message).not.toContain(DEMO_ACCOUNTS.secretary.displayName)

    // An administrator reaches 前跃村党支部; the other rows stay wrong for him too.
    const asAdmin = await dryRun(bytes, tokens.admin)
    expect(codesOf(asAdmin.errors).map(([row]) => row)).not.toContain(7)

    const before = await written()
    const response = await commit(bytes, randomUUID())
    expect(response.status).toBe(422)
    const body = (await response.json()) as ErrorBody
    expect(body.error).toMatchObject({ code: 'IMPORT_HAS_ERRORS', message: expect.stringMatching(CHINESE) })
    expect(body.report).toMatchObject({ mode: 'commit', canCommit: false, errorCount: report.errorCount })
    expect(await written()).toEqual(before)
    expect(await prisma.user.count({ where: { phone: repeated } })).toBe(0)
  })

  it('lets an administrator import into any org', async () => {
    const phone = newPhone()
    const bytes = await fileOf([{ 姓名: '马村党员', 手机号: phone, 所在党组织: '前跃村党支部', 职务: '党员' }])
    const response = await commit(bytes, randomUUID(), tokens.admin)
    expect(response.status).toBe(200)
    const result = (await response.json()) as MemberRosterCommit
    expect(result.created).toMatchObject([{ displayName: '马村党员', orgName: '前跃村党支部' }])
    const people = await world.admin.village.people({ villageId: world.ref.villages.qianyue.id })
    expect(people.members.map((m) => m.displayName)).toContain('马村党员')
  })
})

describe('refusals', () => {
  const errorOf = async (response: Response) => {
    const body = (await response.json()) as ErrorBody
    expect(body.error.message).toMatch(CHINESE)
    return { status: response.status, code: body.error.code }
  }

  it('is for administrators and 支部书记', async () => {
    const bytes = await fileOf([{ 姓名: '无权导入', 手机号: newPhone(), 所在党组织: BRANCH }])
    await expectSignInRequired((token) => upload(token, { mode: 'dry-run' }, bytes))
    await expectForbidden(await upload(tokens.cadre, { mode: 'dry-run' }, bytes))
    await expectForbidden(await upload(tokens.member, { mode: 'dry-run' }, bytes))
  })

  it('refuses what is not an .xlsx upload, too large a file, and too many rows, each clearly', async () => {
    const json = await fetch(`${baseUrl}/imports/member-roster?mode=dry-run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.secretary}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(await errorOf(json)).toEqual({ status: 415, code: 'IMPORT_NOT_MULTIPART' })
    const csv = await upload(tokens.secretary, { mode: 'dry-run' }, '姓名,手机号\n', '党员.csv')
    expect(await errorOf(csv)).toEqual({ status: 415, code: 'IMPORT_FILE_TYPE' })
    const renamed = await upload(tokens.secretary, { mode: 'dry-run' }, '姓名,手机号\n')
    expect(await errorOf(renamed)).toEqual({ status: 415, code: 'IMPORT_FILE_TYPE' })
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])
    expect(await errorOf(await upload(tokens.secretary, { mode: 'dry-run' }, brokenZip))).toEqual({
      status: 400,
      code: 'IMPORT_FILE_UNREADABLE',
    })
    const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 1)
    expect(await errorOf(await upload(tokens.secretary, { mode: 'dry-run' }, huge))).toEqual({
      status: 413,
      code: 'IMPORT_FILE_TOO_LARGE',
    })
    const rows = Array.from({ length: IMPORT_MAX_ROWS }, (_, i) => ({
      姓名: `党员${i}`,
      手机号: `1350${String(i).padStart(7, '0')}`,
      所在党组织: BRANCH,
    }))
    expect(await errorOf(await upload(tokens.secretary, { mode: 'dry-run' }, await fileOf(rows)))).toEqual({
      status: 413,
      code: 'IMPORT_TOO_MANY_ROWS',
    })
  })

  it('answers 400 naming the parameter for a bad mode, a commit without digest or key, or an unknown one', async () => {
    const bytes = await fileOf([{ 姓名: '参数测试', 手机号: newPhone(), 所在党组织: BRANCH }])
    for (const [query, field] of [
      [{ mode: 'upload' }, 'mode'],
      [{ mode: 'commit', clientMutationId: randomUUID() }, 'digest'],
      [{ mode: 'commit', digest: 'a'.repeat(64) }, 'clientMutationId'],
      [{ mode: 'dry-run', villageId: randomUUID() }, 'query'],
    ] as const) {
      const response = await upload(tokens.secretary, query as Query, bytes)
      expect(response.status, field).toBe(400)
      const body = (await response.json()) as ErrorBody
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(body.error.message).toMatch(CHINESE)
      expect(Object.keys(body.error.fieldErrors ?? {}), field).toEqual([field])
    }
  })
})
