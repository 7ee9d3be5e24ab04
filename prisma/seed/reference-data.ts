// The people and places of the 前跃村 story (domain-notes.md): the 西宁市司法局 party bodies,
// seven law firms' branches, 前跃村 and a neighbouring village, and one demo account per role.
// Orgs, villages and accounts are administered outside the app, so they are written directly.
import type { Db, Tx } from '../../server/db/client'
import { hashPassword } from '../../server/services/auth/passwords'
import { insertOrg } from '../../server/services/orgs/org-path'

/** Fictional firms standing in for the seven that took part; no real firm is named. */
export const LAW_FIRMS = [
  '青海昆仑律师事务所',
  '青海湟水律师事务所',
  '青海夏都律师事务所',
  '青海祁连律师事务所',
  '青海三江源律师事务所',
  '青海河湟律师事务所',
  '青海雪域律师事务所',
] as const

export const DEMO_ACCOUNTS = {
  admin: { phone: '13800000001', displayName: '系统管理员', role: 'ADMIN' },
  secretary: { phone: '13800000002', displayName: '王建国', role: 'SECRETARY' },
  cadre: { phone: '13800000003', displayName: '李振华', role: 'CADRE' },
  member: { phone: '13800000004', displayName: '张丽', role: 'MEMBER' },
  resident: { phone: '13800000005', displayName: '马德林', role: 'RESIDENT' },
  otherCadre: { phone: '13800000006', displayName: '赵永平', role: 'CADRE' },
} as const

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS

/** The openid the local WeChat stand-in hands out for the resident's demo code. */
export const DEMO_RESIDENT_OPENID = 'o-demo-resident-madelin'

export const seedReferenceData = async (db: Tx, { password }: { password: string }) => {
  const passwordHash = await hashPassword(password)

  const bureauCommittee = await insertOrg(db, {
    name: '中共西宁市司法局机关委员会',
    shortName: '市司法局机关党委',
    kind: 'PARTY_COMMITTEE',
  })
  const bureauBranch = await insertOrg(db, {
    name: '西宁市司法局机关党支部',
    shortName: '司法局机关党支部',
    kind: 'BRANCH',
    parent: bureauCommittee,
  })
  const lawyersCommittee = await insertOrg(db, {
    name: '中共西宁市律师行业委员会',
    shortName: '律师行业党委',
    kind: 'PARTY_COMMITTEE',
  })
  const firmBranches = []
  for (const firm of LAW_FIRMS) {
    firmBranches.push(
      await insertOrg(db, {
        name: `${firm}党支部`,
        shortName: firm.replace('青海', ''),
        kind: 'BRANCH',
        parent: lawyersCommittee,
      }),
    )
  }
  const township = await insertOrg(db, {
    name: '中共大通县良教乡委员会',
    shortName: '良教乡党委',
    kind: 'PARTY_COMMITTEE',
  })
  const villageBranch = await insertOrg(db, { name: '前跃村党支部', kind: 'BRANCH', parent: township })
  const otherVillageBranch = await insertOrg(db, { name: '上滩村党支部', kind: 'BRANCH', parent: township })

  const qianyue = await db.village.create({
    data: { name: '前跃村', county: '大通县', township: '良教乡', adminCode: '630121105201' },
  })
  const shangtan = await db.village.create({
    data: { name: '上滩村', county: '大通县', township: '良教乡', adminCode: '630121105207' },
  })
  // 帮扶联点: the bureau is paired with 前跃村; each village's own branch with its village.
  await db.orgVillagePair.createMany({
    data: [
      { orgId: bureauBranch.id, villageId: qianyue.id },
      { orgId: villageBranch.id, villageId: qianyue.id },
      { orgId: otherVillageBranch.id, villageId: shangtan.id },
    ],
  })

  const user = (key: DemoAccountKey) =>
    db.user.create({
      data: { phone: DEMO_ACCOUNTS[key].phone, displayName: DEMO_ACCOUNTS[key].displayName, passwordHash },
    })
  const admin = await user('admin')
  const secretary = await user('secretary')
  const cadre = await user('cadre')
  const member = await user('member')
  const otherCadre = await user('otherCadre')
  const resident = await db.user.create({
    data: {
      phone: DEMO_ACCOUNTS.resident.phone,
      displayName: DEMO_ACCOUNTS.resident.displayName,
      passwordHash,
      openid: DEMO_RESIDENT_OPENID,
    },
  })
  await db.membership.createMany({
    data: [
      { userId: admin.id, orgId: bureauCommittee.id, role: 'ADMIN', title: '系统管理员' },
      { userId: secretary.id, orgId: bureauBranch.id, role: 'SECRETARY', title: '支部书记' },
      { userId: cadre.id, orgId: bureauBranch.id, role: 'CADRE', title: '驻村第一书记' },
      { userId: member.id, orgId: bureauBranch.id, role: 'MEMBER', title: '党员' },
      { userId: otherCadre.id, orgId: otherVillageBranch.id, role: 'CADRE', title: '村党支部书记' },
    ],
  })
  await db.cadreVillage.createMany({
    data: [
      { userId: cadre.id, villageId: qianyue.id, post: '第一书记' },
      { userId: otherCadre.id, villageId: shangtan.id, post: '村党支部书记' },
    ],
  })

  return {
    orgs: {
      bureauCommittee,
      bureauBranch,
      lawyersCommittee,
      firmBranches,
      township,
      villageBranch,
      otherVillageBranch,
    },
    villages: { qianyue, shangtan },
    users: { admin, secretary, cadre, member, resident, otherCadre },
  }
}

export type ReferenceData = Awaited<ReturnType<typeof seedReferenceData>>

/**
 * Seeds the reference data in one transaction. Seeding opens the first connection to a new
 * database, often on a machine busy with other suites, so it waits for that connection longer
 * than Prisma's 2-second default before giving up.
 */
export const seedReferenceDataAtomically = (db: Db, options: { password: string }): Promise<ReferenceData> =>
  db.$transaction((tx) => seedReferenceData(tx, options), { maxWait: 30_000, timeout: 120_000 })
