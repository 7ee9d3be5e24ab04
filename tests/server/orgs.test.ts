// 管理 → 组织: administrators shape the whole tree; a 支部书记 adds, renames, moves and closes orgs
// below his own. Paths stay consistent through moves (the subtree is one prefix match), closed
// orgs keep their history but leave the pickers, and every refusal says why in Chinese and
// writes nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { CHINESE, failureOf } from '../helpers/errors'
import { activityInput, cashDonationInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

const pathOf = async (id: string) =>
  (await world.deps.prisma.org.findUniqueOrThrow({ where: { id }, select: { path: true } })).path

/** Every org's path is its parent's path and its own id: the tree is consistent. */
const expectConsistentPaths = async () => {
  const orgs = await world.deps.prisma.org.findMany({ select: { id: true, parentId: true, path: true } })
  const byId = new Map(orgs.map((o) => [o.id, o]))
  for (const org of orgs) {
    const parentPath = org.parentId ? byId.get(org.parentId)?.path : '/'
    expect(org.path).toBe(`${parentPath}${org.id}/`)
  }
}

describe('an administrator', () => {
  it('builds a tree from the top: a 县委 with a 党总支 and its 党支部, 联合党支部 and an outside unit', async () => {
    const county = await world.admin.org.create({ name: '中共大通县委员会', kind: 'PARTY_COMMITTEE', parentId: null })
    expect(county).toMatchObject({ depth: 1, isClosed: false, canManage: true, openChildCount: 0 })
    const general = await world.admin.org.create({
      name: '县直机关党总支',
      kind: 'GENERAL_BRANCH',
      parentId: county.id,
    })
    const branch = await world.admin.org.create({
      name: '县司法局机关党支部',
      shortName: '司法局支部',
      kind: 'BRANCH',
      parentId: general.id,
    })
    await world.admin.org.create({ name: '律师行业联合党支部', kind: 'JOINT_BRANCH', parentId: general.id })
    await world.admin.org.create({ name: '青海某律师事务所', kind: 'EXTERNAL', parentId: null })
    expect(branch).toMatchObject({ depth: 3, shortName: '司法局支部' })
    const detail = await world.admin.org.byId({ id: branch.id })
    expect(detail.ancestors.map((a) => a.name)).toEqual(['中共大通县委员会', '县直机关党总支'])
    const level = await world.admin.org.tree({ parentId: general.id })
    expect(level.items.map((o) => o.name)).toEqual(['县司法局机关党支部', '律师行业联合党支部'].sort())
    const top = await world.admin.org.tree({ limit: 100 })
    expect(top.items.map((o) => o.name)).toEqual(expect.arrayContaining(['中共大通县委员会', '青海某律师事务所']))
    expect((await world.admin.org.byId({ id: general.id })).openChildCount).toBe(2)
    await expectConsistentPaths()
  })

  it('refuses a second org of the same name under one parent, on the field, and writes nothing', async () => {
    const parent = await world.admin.org.create({ name: '良教乡党委', kind: 'PARTY_COMMITTEE', parentId: null })
    await world.admin.org.create({ name: '前跃村党支部', kind: 'BRANCH', parentId: parent.id })
    const before = await world.deps.prisma.org.count()
    const failure = await failureOf(
      world.admin.org.create({ name: '前跃村党支部', kind: 'BRANCH', parentId: parent.id }),
    )
    expect(failure).toMatchObject({ code: 'CONFLICT', appCode: 'ORG_NAME_TAKEN' })
    expect(failure.message).toMatch(CHINESE)
    expect(await world.deps.prisma.org.count()).toBe(before)
  })

  it('moves a subtree of many orgs with one statement, every path consistent after', async () => {
    const a = await world.admin.org.create({ name: '甲党委', kind: 'PARTY_COMMITTEE', parentId: null })
    const b = await world.admin.org.create({ name: '乙党委', kind: 'PARTY_COMMITTEE', parentId: null })
    const moving = await world.admin.org.create({ name: '甲党总支', kind: 'GENERAL_BRANCH', parentId: a.id })
    const leaves = []
    for (let i = 0; i < 30; i++)
      leaves.push(await world.admin.org.create({ name: `第${i + 1}党支部`, kind: 'BRANCH', parentId: moving.id }))
    const moved = await world.admin.org.move({ id: moving.id, version: moving.version, parentId: b.id })
    expect(moved).toMatchObject({ parentId: b.id, version: moving.version + 1, depth: 2 })
    for (const leaf of leaves) expect((await pathOf(leaf.id)).startsWith(await pathOf(b.id))).toBe(true)
    await expectConsistentPaths()
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'org.move', entityId: moving.id },
    })
    expect(audit.after).toMatchObject({ parentId: b.id, orgsMoved: 31 })
  })

  it('refuses to move an org under itself or its own descendant', async () => {
    const top = await world.admin.org.create({ name: '丙党委', kind: 'PARTY_COMMITTEE', parentId: null })
    const child = await world.admin.org.create({ name: '丙党总支', kind: 'GENERAL_BRANCH', parentId: top.id })
    const grandchild = await world.admin.org.create({ name: '丙党支部', kind: 'BRANCH', parentId: child.id })
    for (const parentId of [top.id, grandchild.id]) {
      const failure = await failureOf(world.admin.org.move({ id: top.id, version: top.version, parentId }))
      expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'ORG_MOVE_CYCLE' })
      expect(failure.message).toBe('不能把组织移到它自己或它的下级组织之下')
    }
    expect((await world.admin.org.byId({ id: top.id })).parentId).toBeNull()
    await expectConsistentPaths()
  })

  it('closes an org: its roles and pairings end that day, it leaves the pickers, its records stay', async () => {
    const { villages } = world.ref
    const county = await world.admin.org.create({ name: '丁党委', kind: 'PARTY_COMMITTEE', parentId: null })
    const branch = await world.admin.org.create({ name: '丁党支部', kind: 'BRANCH', parentId: county.id })
    await world.deps.prisma.orgVillagePair.create({ data: { orgId: branch.id, villageId: villages.qianyue.id } })
    const donation = await world.admin.donation.create(
      cashDonationInput(villages.qianyue.id, 12_300, { donorOrgId: branch.id, donorName: undefined }),
    )

    const parentRefused = await failureOf(
      world.admin.org.close({ id: county.id, version: county.version, reason: '机构调整' }),
    )
    expect(parentRefused).toMatchObject({ code: 'CONFLICT', appCode: 'ORG_HAS_OPEN_CHILDREN' })

    const closed = await world.admin.org.close({ id: branch.id, version: branch.version, reason: '机构调整' })
    expect(closed).toMatchObject({ isClosed: true, closedReason: '机构调整', canManage: false, pairedVillageCount: 0 })
    expect(closed.pairings).toEqual([expect.objectContaining({ isCurrent: false })])

    const pickers = await world.secretary.org.list({ search: '丁党' })
    expect(pickers.items.map((o) => o.name)).toEqual(['丁党委'])
    expect((await world.admin.org.tree({ parentId: county.id })).items).toEqual([])
    expect((await world.admin.org.tree({ parentId: county.id, includeClosed: true })).items).toHaveLength(1)
    // Its donation stays, under its name.
    expect((await world.admin.donation.byId({ id: donation.id })).donorName).toBe('丁党支部')
    const refused = await failureOf(
      world.admin.donation.create(
        cashDonationInput(villages.qianyue.id, 100, { donorOrgId: branch.id, donorName: undefined }),
      ),
    )
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' })
    expect(refused.message).toMatch(/已撤销/)
    expect(await failureOf(world.admin.org.update({ ...closed, name: '丁党支部（新）' }))).toMatchObject({
      appCode: 'ORG_CLOSED',
    })
  })

  it('refuses an edit made on a version someone else has since saved', async () => {
    const org = await world.admin.org.create({ name: '戊党委', kind: 'PARTY_COMMITTEE', parentId: null })
    await world.admin.org.update({ id: org.id, version: org.version, name: '戊党委（更名）', kind: 'PARTY_COMMITTEE' })
    const stale = await failureOf(
      world.admin.org.update({ id: org.id, version: org.version, name: '戊党委（又改）', kind: 'PARTY_COMMITTEE' }),
    )
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'VERSION_CONFLICT' })
    expect((await world.admin.org.byId({ id: org.id })).name).toBe('戊党委（更名）')
  })
})

describe('a 支部书记', () => {
  it('adds and renames orgs below his branch, and moves and closes only those strictly below it', async () => {
    const { orgs } = world.ref
    const group = await world.secretary.org.create({
      name: '机关第一党小组',
      kind: 'BRANCH',
      parentId: orgs.bureauBranch.id,
    })
    const other = await world.secretary.org.create({
      name: '机关第二党小组',
      kind: 'BRANCH',
      parentId: orgs.bureauBranch.id,
    })
    const renamed = await world.secretary.org.update({ ...group, name: '机关第一党小组（退休）' })
    expect(renamed.name).toBe('机关第一党小组（退休）')
    const moved = await world.secretary.org.move({ id: group.id, version: renamed.version, parentId: other.id })
    expect(moved.parentId).toBe(other.id)

    const ownBranch = await world.secretary.org.byId({ id: orgs.bureauBranch.id })
    const ownMove = await failureOf(
      world.secretary.org.move({ id: ownBranch.id, version: ownBranch.version, parentId: orgs.township.id }),
    )
    expect(ownMove).toMatchObject({ code: 'FORBIDDEN', appCode: 'OUT_OF_SUBTREE' })
    expect(ownMove.message).toMatch(/担任书记的组织本身/)
  })

  it('cannot act outside his subtree: add under, rename, move into or close another org', async () => {
    const { orgs } = world.ref
    const outside = await world.admin.org.byId({ id: orgs.otherVillageBranch.id })
    const mine = await world.secretary.org.create({
      name: '机关第三党小组',
      kind: 'BRANCH',
      parentId: orgs.bureauBranch.id,
    })
    const attempts = [
      () => world.secretary.org.create({ name: '越权支部', kind: 'BRANCH', parentId: outside.id }),
      () => world.secretary.org.create({ name: '越权党委', kind: 'PARTY_COMMITTEE', parentId: null }),
      () => world.secretary.org.update({ ...outside, name: '上滩村党支部（改）' }),
      () => world.secretary.org.move({ id: mine.id, version: mine.version, parentId: outside.id }),
      () => world.secretary.org.close({ id: outside.id, version: outside.version, reason: '越权撤销' }),
    ]
    for (const attempt of attempts) {
      const failure = await failureOf(attempt())
      expect(failure).toMatchObject({ code: 'FORBIDDEN', appCode: 'OUT_OF_SUBTREE' })
      expect(failure.message).toMatch(CHINESE)
    }
    expect((await world.admin.org.byId({ id: outside.id })).name).toBe('上滩村党支部')
    expect((await world.admin.org.byId({ id: mine.id })).parentId).toBe(orgs.bureauBranch.id)
  })

  it('sees his own subtree at the top of his tree, and nothing of the rest', async () => {
    const top = await world.secretary.org.tree({})
    expect(top.items.map((o) => o.id)).toEqual([world.ref.orgs.bureauBranch.id])
    const elsewhere = await world.secretary.org.tree({ parentId: world.ref.orgs.township.id })
    expect(elsewhere.items).toEqual([])
    const found = await world.secretary.org.tree({ search: '党支部' })
    expect(found.items.every((o) => o.canManage)).toBe(true)
  })

  it('records a party day only in a village his orgs are paired with', async () => {
    const { orgs, villages } = world.ref
    const refused = await failureOf(
      world.secretary.activity.create(activityInput(orgs.bureauBranch.id, { villageId: villages.shangtan.id })),
    )
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' })
    expect(refused.message).toBe('所选的村不存在，或不是本组织结对帮扶的村')
    const made = await world.secretary.activity.create(
      activityInput(orgs.bureauBranch.id, { villageId: villages.qianyue.id }),
    )
    expect(made.village?.id).toBe(villages.qianyue.id)
  })

  it('cannot organise in the name of a closed org', async () => {
    const group = await world.secretary.org.create({
      name: '临时党小组',
      kind: 'BRANCH',
      parentId: world.ref.orgs.bureauBranch.id,
    })
    await world.secretary.org.close({ id: group.id, version: group.version, reason: '任务完成' })
    // Reach is read at each request: a new caller is a new request.
    const secretary = await world.as(world.ref.users.secretary.id)
    const refused = await failureOf(secretary.activity.create(activityInput(group.id)))
    expect(refused.message).toBe('该组织已撤销，请选择其他组织')
  })
})

describe('staff without a secretary role', () => {
  it('are refused every change to the tree', async () => {
    for (const caller of [world.cadre, world.member]) {
      const failure = await failureOf(caller.org.create({ name: '无权组织', kind: 'BRANCH', parentId: null }))
      expect(failure).toMatchObject({ code: 'FORBIDDEN' })
    }
  })
})
