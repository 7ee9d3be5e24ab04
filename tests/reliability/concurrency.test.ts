// Concurrency, over the real router and database:
//  - idempotency: 50 parallel calls with one clientMutationId, for every mutation type the router
//    has, write once and give all 50 callers the same answer;
//  - optimistic locking: 1,000 racing edits on the same households lose no update, and every
//    loser is told CONFLICT;
//  - donations drawn on by handovers from many phones at once are never overdrawn, and a donation
//    voided while handovers draw on it is either voided with nothing drawn or drawn and kept;
//  - a photo upload (a handover's, over HTTP: not a procedure) replayed many times at once is
//    kept once.
import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import type { Caller } from '../../server/caller'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { serveWorld } from '../helpers/http-world'
import { TEST_NEED_STATUS_TEMPLATE, TEST_NOTICE_TEMPLATES } from '../helpers/notice-templates'
import { signatureBase64 } from '../helpers/signature-png'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'
import { reportFigures } from './figures'
import { callProcedure, procedureCatalog } from './procedure-catalog'

const PARALLEL = 50

let world: World

beforeAll(async () => {
  // 1,000 edits at once queue for 20 connections: on a busy machine the last waits longer than
  // production's 10 s, and would be told the database is unavailable instead of CONFLICT.
  world = await createWorld({ poolSize: 20, connectionWaitMs: 120_000, notices: TEST_NOTICE_TEMPLATES })
})

const village = () => world.ref.villages.qianyue.id

const newHousehold = () => world.cadre.household.create(householdInput(village()))

const newNeed = async () =>
  world.cadre.need.create({ householdId: (await newHousehold()).id, category: 'HOUSING', description: '院墙需要修补' })

/** A user of their own (for the account-changing mutations), and a caller for them. */
const newAccount = async (data: { phone?: string; openid?: string; withPassword?: boolean }) => {
  const { hashPassword } = await import('../../server/services/auth/passwords')
  const user = await world.deps.prisma.user.create({
    data: {
      displayName: '并发测试',
      ...(data.phone ? { phone: data.phone } : {}),
      ...(data.openid ? { openid: data.openid } : {}),
      ...(data.withPassword ? { passwordHash: await hashPassword(TEST_PASSWORD) } : {}),
    },
  })
  return { user, caller: await world.as(user.id) }
}

type Case = {
  /** The caller and the input (without its clientMutationId). */
  prepare: () => Promise<{ caller: Caller; input: Record<string, unknown>; count: () => Promise<number> }>
  /** What `count` must be after the 50 calls. */
  expected: number
}

const countAudit = (action: string, entityId: string) => () =>
  world.deps.prisma.auditLog.count({ where: { action, entityId } })

/** Counts the audit entries of one action written after the case was prepared. */
const countNewAudit = async (action: string) => {
  const before = await world.deps.prisma.auditLog.count({ where: { action } })
  return async () => (await world.deps.prisma.auditLog.count({ where: { action } })) - before
}

let serial = 0
/** A new staff account with a role in the bureau's branch, made by the administrator. */
const newStaff = async () => {
  serial += 1
  const { user } = await world.admin.user.create({
    displayName: `并发人员${serial}`,
    phone: `1360000${String(serial).padStart(4, '0')}`,
    roles: [{ orgId: world.ref.orgs.bureauBranch.id, role: 'MEMBER', title: '党员' }],
  })
  return world.admin.user.byId({ id: user.id })
}

const newOrg = () =>
  world.admin.org.create({
    name: `并发测试支部${randomUUID().slice(0, 8)}`,
    shortName: null,
    kind: 'BRANCH',
    parentId: world.ref.orgs.bureauCommittee.id,
  })

/** A village's fields, with a 村 code of its own under 良教乡 (six hundred and up, unused by the story). */
const villageFields = () => {
  serial += 1
  return {
    name: `并发村${serial}`,
    township: '良教乡',
    county: '大通县',
    adminCode: `630121105${String(600 + serial).padStart(3, '0')}`,
  }
}

const newVillage = () => world.admin.village.create(villageFields())

/** An administration case: the administrator calls `path` with what `make` prepares. */
const adminCase = (
  action: string,
  make: () => Promise<Record<string, unknown>>,
  caller: () => Caller = () => world.admin,
): Case => ({
  expected: 1,
  prepare: async () => {
    const input = await make()
    return { caller: caller(), input, count: await countNewAudit(action) }
  },
})

/** One case per mutation that takes a clientMutationId. `count` measures the effect. */
const CASES: Record<string, Case> = {
  'activity.create': {
    expected: 1,
    prepare: async () => {
      const theme = `并发-${randomUUID()}`
      const input = activityInput(world.ref.orgs.bureauBranch.id, { theme, villageId: village() })
      return { caller: world.secretary, input, count: () => world.deps.prisma.activity.count({ where: { theme } }) }
    },
  },
  'activity.update': {
    expected: 1,
    prepare: async () => {
      const base = activityInput(world.ref.orgs.bureauBranch.id, { villageId: village() })
      const activity = await world.secretary.activity.create(base)
      return {
        caller: world.secretary,
        input: { ...base, id: activity.id, version: activity.version, summary: '并发修改' },
        count: countAudit('activity.update', activity.id),
      }
    },
  },
  'visit.create': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      return {
        caller: world.cadre,
        input: { target: 'HOUSEHOLD', householdId: household.id, visitedOn: '2025-01-23', cashFen: 50_000 },
        count: () => world.deps.prisma.visit.count({ where: { householdId: household.id } }),
      }
    },
  },
  'visit.update': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      const visit = await world.cadre.visit.create({
        target: 'HOUSEHOLD',
        householdId: household.id,
        visitedOn: '2025-01-23',
        cashFen: 0,
      })
      return {
        caller: world.cadre,
        input: { id: visit.id, version: visit.version, visitedOn: '2025-01-24', cashFen: 10_000 },
        count: countAudit('visit.update', visit.id),
      }
    },
  },
  'donation.create': {
    expected: 1,
    prepare: async () => {
      const note = `并发-${randomUUID()}`
      return {
        caller: world.secretary,
        input: { ...cashDonationInput(village(), 12_300), note },
        count: () => world.deps.prisma.donation.count({ where: { note } }),
      }
    },
  },
  'donation.createBatch': {
    expected: 7,
    prepare: async () => {
      const note = `并发批量-${randomUUID()}`
      const donations = world.ref.orgs.firmBranches.map((org) =>
        cashDonationInput(village(), 500_000, { donorOrgId: org.id, donorName: undefined, note }),
      )
      return {
        caller: world.secretary,
        input: { donations },
        count: () => world.deps.prisma.donation.count({ where: { note } }),
      }
    },
  },
  'photo.remove': {
    // A removal is audited once; the 49 replays answer from the stored result.
    expected: 1,
    prepare: async () => {
      const activity = await world.secretary.activity.create(
        activityInput(world.ref.orgs.bureauBranch.id, { villageId: village() }),
      )
      const sha256 = randomUUID().replace(/-/g, '').padEnd(64, '0')
      const photo = await world.deps.prisma.photo.create({
        data: {
          sha256,
          mime: 'image/jpeg',
          width: 1600,
          height: 1200,
          bytes: 1024,
          storageKey: `photos/${sha256}.jpg`,
          thumbnailKey: `photos/${sha256}.thumb.webp`,
          thumbnailBytes: 256,
          activityId: activity.id,
          uploadedById: world.ref.users.secretary.id,
        },
      })
      return { caller: world.secretary, input: { id: photo.id }, count: countAudit('photo.remove', photo.id) }
    },
  },
  'donation.update': {
    expected: 1,
    prepare: async () => {
      const donation = await world.secretary.donation.create(cashDonationInput(village(), 100))
      return {
        caller: world.secretary,
        input: { id: donation.id, version: donation.version, receivedOn: '2025-02-21', note: '改日期' },
        count: countAudit('donation.update', donation.id),
      }
    },
  },
  'donation.void': {
    expected: 1,
    prepare: async () => {
      const donation = await world.secretary.donation.create(cashDonationInput(village(), 100))
      return {
        caller: world.secretary,
        input: { id: donation.id, version: donation.version, reason: '重复登记' },
        count: countAudit('donation.void', donation.id),
      }
    },
  },
  'household.create': {
    expected: 1,
    prepare: async () => {
      const input = householdInput(village())
      return {
        caller: world.cadre,
        input,
        count: () => world.deps.prisma.household.count({ where: { code: input.code } }),
      }
    },
  },
  'household.update': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      return {
        caller: world.cadre,
        input: {
          id: household.id,
          version: household.version,
          code: household.code,
          headName: household.headName,
          category: 'DIBAO',
        },
        count: countAudit('household.update', household.id),
      }
    },
  },
  'need.create': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      return {
        caller: world.cadre,
        input: { householdId: household.id, category: 'MEDICAL', description: '需要送医' },
        count: () => world.deps.prisma.need.count({ where: { householdId: household.id } }),
      }
    },
  },
  'need.update': {
    expected: 1,
    prepare: async () => {
      const need = await newNeed()
      return {
        caller: world.cadre,
        input: { id: need.id, version: need.version, category: 'HOUSING', description: '院墙倒塌，需要重建' },
        count: countAudit('need.update', need.id),
      }
    },
  },
  'need.transition': {
    expected: 2,
    prepare: async () => {
      const need = await newNeed()
      return {
        caller: world.cadre,
        input: { id: need.id, version: need.version, to: 'TRANSFERRED', responsibleUnit: '良教乡人民政府' },
        count: () => world.deps.prisma.needEvent.count({ where: { needId: need.id } }),
      }
    },
  },
  'resident.bindHousehold': {
    expected: 1,
    prepare: async () => {
      const input = householdInput(village())
      await world.cadre.household.create(input)
      const { user, caller } = await newAccount({ openid: `o-${randomUUID()}` })
      return {
        caller,
        input: { headName: input.headName, idNumber: input.idNumber },
        count: countAudit('resident.bind', user.id),
      }
    },
  },
  'resident.submitNeed': {
    expected: 1,
    prepare: async () => {
      const input = householdInput(village())
      const household = await world.cadre.household.create(input)
      const { user } = await newAccount({ openid: `o-${randomUUID()}` })
      await world.deps.prisma.user.update({ where: { id: user.id }, data: { householdId: household.id } })
      return {
        caller: await world.as(user.id),
        input: { category: 'SUPPLIES', description: '冬季取暖煤不够' },
        count: () => world.deps.prisma.need.count({ where: { householdId: household.id } }),
      }
    },
  },
  'notice.recordGrants': {
    expected: 1,
    prepare: async () => {
      const { user, caller } = await newAccount({ openid: `o-${randomUUID()}` })
      return {
        caller,
        input: { templateIds: [TEST_NEED_STATUS_TEMPLATE] },
        count: () => world.deps.prisma.noticeGrant.count({ where: { userId: user.id } }),
      }
    },
  },
  'todo.markNeedSeen': {
    expected: 1,
    prepare: async () => {
      const household = await world.cadre.household.create(householdInput(village()))
      const { user } = await newAccount({ openid: `o-${randomUUID()}` })
      await world.deps.prisma.user.update({ where: { id: user.id }, data: { householdId: household.id } })
      const need = await world.cadre.need.create({
        householdId: household.id,
        category: 'FUNDS',
        description: '申请临时救助',
      })
      return {
        caller: await world.as(user.id),
        input: { needId: need.id },
        count: () => world.deps.prisma.needSeen.count({ where: { needId: need.id, userId: user.id } }),
      }
    },
  },
  'handover.create': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      return {
        caller: world.cadre,
        input: { recipientKind: 'HOUSEHOLD', householdId: household.id, handedOverOn: '2025-01-23', cashFen: 20_000 },
        count: () => world.deps.prisma.handover.count({ where: { householdId: household.id } }),
      }
    },
  },
  'handover.void': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      const handover = await world.cadre.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household.id,
        handedOverOn: '2025-01-23',
        cashFen: 20_000,
      })
      return {
        caller: world.cadre,
        input: { id: handover.id, version: handover.version, reason: '重复登记' },
        count: countAudit('handover.void', handover.id),
      }
    },
  },
  'handover.confirm': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      const handover = await world.cadre.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household.id,
        handedOverOn: '2025-01-23',
        cashFen: 20_000,
      })
      const { user } = await newAccount({ openid: `o-${randomUUID()}` })
      await world.deps.prisma.user.update({ where: { id: user.id }, data: { householdId: household.id } })
      return {
        caller: await world.as(user.id),
        input: { id: handover.id, answer: 'RECEIVED' },
        count: countAudit('handover.confirm', handover.id),
      }
    },
  },
  'handover.sign': {
    expected: 1,
    prepare: async () => {
      const household = await newHousehold()
      const handover = await world.cadre.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household.id,
        handedOverOn: '2025-01-23',
        cashFen: 20_000,
      })
      return {
        caller: world.cadre,
        input: { id: handover.id, signaturePng: await signatureBase64(), signedAt: '2025-01-23T10:00:00+08:00' },
        count: () => world.deps.prisma.handoverSignature.count({ where: { handoverId: handover.id } }),
      }
    },
  },
  'auth.changePassword': {
    expected: 1,
    prepare: async () => {
      const { user, caller } = await newAccount({
        phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        withPassword: true,
      })
      return {
        caller,
        input: { currentPassword: TEST_PASSWORD, newPassword: 'Concurrent9pass' },
        count: countAudit('auth.changePassword', user.id),
      }
    },
  },
  'auth.agreePrivacy': {
    expected: 1,
    prepare: async () => {
      const { user, caller } = await newAccount({ openid: `o-${randomUUID()}` })
      return {
        caller,
        input: { version: PRIVACY_NOTICE_VERSION, channel: 'WECHAT' },
        count: countAudit('auth.agreePrivacy', user.id),
      }
    },
  },
  'org.create': adminCase('org.create', async () => ({
    name: `并发新建支部${randomUUID().slice(0, 8)}`,
    shortName: null,
    kind: 'BRANCH',
    parentId: world.ref.orgs.bureauCommittee.id,
  })),
  'org.update': adminCase('org.update', async () => {
    const org = await newOrg()
    return { id: org.id, version: org.version, name: `${org.name}（改）`, shortName: null, kind: 'BRANCH' }
  }),
  'org.move': adminCase('org.move', async () => {
    const org = await newOrg()
    return { id: org.id, version: org.version, parentId: world.ref.orgs.lawyersCommittee.id }
  }),
  'org.close': adminCase('org.close', async () => {
    const org = await newOrg()
    return { id: org.id, version: org.version, reason: '支部合并' }
  }),
  'village.create': adminCase('village.create', async () => villageFields()),
  'village.update': adminCase('village.update', async () => {
    const village = await newVillage()
    return { ...villageFields(), id: village.id, version: village.version }
  }),
  'village.pair': adminCase('village.pair', async () => ({
    orgId: world.ref.orgs.bureauBranch.id,
    villageId: (await newVillage()).id,
  })),
  'village.endPairing': adminCase('village.endPairing', async () => {
    const village = await newVillage()
    await world.admin.village.pair({ orgId: world.ref.orgs.bureauBranch.id, villageId: village.id })
    const pairing = await world.deps.prisma.orgVillagePair.findFirstOrThrow({ where: { villageId: village.id } })
    return { id: pairing.id }
  }),
  'user.create': adminCase('user.create', async () => {
    serial += 1
    return {
      displayName: `并发新人${serial}`,
      phone: `1350000${String(serial).padStart(4, '0')}`,
      roles: [{ orgId: world.ref.orgs.bureauBranch.id, role: 'MEMBER', title: '党员' }],
    }
  }),
  'user.update': adminCase('user.update', async () => {
    const user = await newStaff()
    return { id: user.id, version: user.version, displayName: `${user.displayName}改`, phone: user.phone }
  }),
  'user.addRole': adminCase('user.addRole', async () => ({
    userId: (await newStaff()).id,
    orgId: world.ref.orgs.lawyersCommittee.id,
    role: 'MEMBER',
  })),
  'user.endRole': adminCase('user.endRole', async () => {
    const user = await newStaff()
    const role = await world.deps.prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
    return { id: role.id }
  }),
  'user.addPost': adminCase('user.addPost', async () => ({
    userId: (await newStaff()).id,
    villageId: world.ref.villages.qianyue.id,
    post: '驻村工作队员',
  })),
  'user.endPost': adminCase('user.endPost', async () => {
    const user = await newStaff()
    await world.admin.user.addPost({ userId: user.id, villageId: world.ref.villages.qianyue.id, post: '驻村工作队员' })
    const post = await world.deps.prisma.cadreVillage.findFirstOrThrow({ where: { userId: user.id } })
    return { id: post.id }
  }),
  'user.deactivate': adminCase('user.deactivate', async () => {
    const user = await newStaff()
    return { id: user.id, version: user.version }
  }),
  'user.reactivate': adminCase('user.reactivate', async () => {
    const staff = await newStaff()
    await world.admin.user.deactivate({ id: staff.id, version: staff.version })
    const user = await world.admin.user.byId({ id: staff.id })
    return { id: user.id, version: user.version }
  }),
  'user.resetPassword': adminCase('user.resetPassword', async () => {
    const user = await newStaff()
    return { id: user.id, version: user.version }
  }),
  'user.unlock': adminCase('user.unlock', async () => ({ id: (await newStaff()).id })),
  'user.unbindWechat': adminCase('user.unbindWechat', async () => {
    const user = await newStaff()
    await world.deps.prisma.user.update({ where: { id: user.id }, data: { openid: `o-${randomUUID()}` } })
    const bound = await world.admin.user.byId({ id: user.id })
    return { id: bound.id, version: bound.version }
  }),
  'invitation.create': adminCase('invitation.create', async () => ({ userId: (await newStaff()).id })),
  'invitation.revoke': adminCase('invitation.revoke', async () => {
    const invitation = await world.admin.invitation.create({ userId: (await newStaff()).id })
    return { id: invitation.id }
  }),
  'invitation.accept': {
    expected: 1,
    prepare: async () => {
      const invitation = await world.admin.invitation.create({ userId: (await newStaff()).id })
      const { caller } = await newAccount({ openid: `o-${randomUUID()}` })
      return { caller, input: { code: invitation.code }, count: await countNewAudit('invitation.accept') }
    },
  },
}

/** Mutations with no retry key, and why. */
const NOT_KEYED: Record<string, string> = {
  'auth.loginWithPassword': 'no user yet, so no key to claim; each login is a new session by design',
  'auth.loginWithWeChat': 'no user yet, so no key to claim; each login is a new session by design',
  'invitation.acceptWithPassword':
    'no user yet (a public sign-in with the code, the phone and a new password), so no key to claim; as a login, each is a new session',
  'auth.logout': 'takes no input; ending an ended session again changes nothing',
  'household.reveal': 'every reveal is logged, so none is answered from a stored result (meta replayable: false)',
  'audit.verify': 'takes no input; asking again checks the chain again (meta replayable: false)',
  'backup.run':
    'takes no input; every call asks the queue for a backup (meta replayable: false), which runs one at a time and lets one wait',
}

const stripVolatile = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))

describe('idempotency under concurrency', () => {
  const mutations = procedureCatalog().filter((p) => p.type === 'mutation')

  it('has a case, or a reason for none, for every mutation of the router', () => {
    const uncovered = mutations.map((m) => m.path).filter((path) => !CASES[path] && !NOT_KEYED[path])
    expect(uncovered).toEqual([])
  })

  it(`${PARALLEL} parallel calls with one clientMutationId write once and answer alike`, async () => {
    const outcomes: { path: string; effects: number; distinctAnswers: number; errors: string[] }[] = []
    for (const { path } of mutations) {
      const spec = CASES[path]
      if (!spec) continue
      const { caller, input, count } = await spec.prepare()
      const keyed = { ...input, clientMutationId: randomUUID() }
      const settled = await Promise.allSettled(
        Array.from({ length: PARALLEL }, () => callProcedure(caller, path, keyed)),
      )
      const errors = settled.flatMap((s) =>
        s.status === 'rejected'
          ? [s.reason instanceof TRPCError ? `${s.reason.code} ${s.reason.message}` : String(s.reason)]
          : [],
      )
      const answers = new Set(settled.flatMap((s) => (s.status === 'fulfilled' ? [stripVolatile(s.value)] : [])))
      outcomes.push({ path, effects: await count(), distinctAnswers: answers.size, errors })
    }
    const wrong = outcomes.filter(
      (o) => o.effects !== CASES[o.path]?.expected || o.distinctAnswers !== 1 || o.errors.length,
    )
    reportFigures('idempotency', {
      mutationTypes: outcomes.length,
      callsPerType: PARALLEL,
      calls: outcomes.length * PARALLEL,
      duplicateWrites: outcomes.filter((o) => o.effects > (CASES[o.path]?.expected ?? 0)).length,
      failures: wrong.length,
    })
    expect(wrong).toEqual([])
  })
})

describe('optimistic locking under 1,000 racing edits', () => {
  it('loses no update, and tells every loser CONFLICT', async () => {
    // Each round, 50 editors per household (1,000 in all) save forms loaded at the same version.
    const HOUSEHOLDS = 20
    const EDITORS_PER_HOUSEHOLD = 50
    const ROUNDS = 3
    const households = await Promise.all(Array.from({ length: HOUSEHOLDS }, () => newHousehold()))
    let saved = 0
    let conflicts = 0
    let otherErrors = 0
    let lostUpdates = 0
    const otherKinds = new Set<string>()
    for (let round = 0; round < ROUNDS; round++) {
      const forms = await Promise.all(households.map((h) => world.cadre.household.byId({ id: h.id })))
      const attempts = forms.flatMap((form) =>
        Array.from({ length: EDITORS_PER_HOUSEHOLD }, (_, editor) => {
          const note = `第${round}轮-编辑${editor}`
          return world.cadre.household
            .update({
              id: form.id,
              version: form.version,
              code: form.code,
              headName: form.headName,
              category: form.category,
              notes: note,
            })
            .then(
              () => ({ householdId: form.id, note, outcome: 'saved' as const }),
              (error: unknown) => {
                if (error instanceof TRPCError && error.code === 'CONFLICT') {
                  return { householdId: form.id, note, outcome: 'conflict' as const }
                }
                otherKinds.add(error instanceof TRPCError ? `${error.code} ${error.message}` : String(error))
                return { householdId: form.id, note, outcome: 'other' as const }
              },
            )
        }),
      )
      const results = await Promise.all(attempts)
      for (const form of forms) {
        const winners = results.filter((r) => r.householdId === form.id && r.outcome === 'saved')
        const stored = await world.cadre.household.byId({ id: form.id })
        // Exactly one save per household and round, and what is stored is what it saved.
        if (winners.length !== 1 || stored.notes !== winners[0]?.note || stored.version !== form.version + 1) {
          lostUpdates++
        }
      }
      saved += results.filter((r) => r.outcome === 'saved').length
      conflicts += results.filter((r) => r.outcome === 'conflict').length
      otherErrors += results.filter((r) => r.outcome === 'other').length
    }
    const edits = HOUSEHOLDS * EDITORS_PER_HOUSEHOLD * ROUNDS
    reportFigures('optimistic-locking', {
      households: HOUSEHOLDS,
      rounds: ROUNDS,
      edits,
      saved,
      conflicts,
      otherErrors,
      lostUpdates,
    })
    expect({ saved, conflicts, otherErrors, lostUpdates, otherKinds: [...otherKinds] }).toEqual({
      saved: HOUSEHOLDS * ROUNDS,
      conflicts: edits - HOUSEHOLDS * ROUNDS,
      otherErrors: 0,
      lostUpdates: 0,
      otherKinds: [],
    })
  })
})

describe('handovers racing for one donation', () => {
  const household = () => newHousehold()

  it('never draws more than the donation holds: 30 phones after ¥10 each of ¥100', async () => {
    const donation = await world.secretary.donation.create(cashDonationInput(village(), 10_000))
    const households = await Promise.all(Array.from({ length: 6 }, household))
    const phones = [world.cadre, world.secretary, world.admin]
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        (phones[i % phones.length] as Caller).handover.create({
          clientMutationId: randomUUID(),
          recipientKind: 'HOUSEHOLD',
          householdId: (households[i % households.length] as { id: string }).id,
          handedOverOn: '2025-01-23',
          cashFen: 1_000,
          draws: [{ donationId: donation.id, cashFen: 1_000 }],
        }),
      ),
    )
    const refusals = settled.flatMap((s) =>
      s.status === 'rejected' && s.reason instanceof TRPCError ? [(s.reason.cause as { code?: string }).code] : [],
    )
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(10)
    expect(refusals).toEqual(Array.from({ length: 20 }, () => 'DONATION_OVERDRAWN'))
    const { totals } = await world.admin.donation.reconciliation({ donationId: donation.id })
    expect(totals.handedOver.cashFen).toBe(10_000)
    expect(totals.balance.cashFen).toBe(0)
  })

  it('a void racing handovers either finds none drawn and voids, or is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const donation = await world.secretary.donation.create(cashDonationInput(village(), 5_000))
      const target = await household()
      const [drawn, voided] = await Promise.allSettled([
        world.cadre.handover.create({
          recipientKind: 'HOUSEHOLD',
          householdId: target.id,
          handedOverOn: '2025-01-23',
          cashFen: 5_000,
          draws: [{ donationId: donation.id, cashFen: 5_000 }],
        }),
        world.secretary.donation.void({ id: donation.id, version: donation.version, reason: '重复登记' }),
      ])
      // Exactly one wins: a voided donation has nothing drawn on it, a drawn one stays.
      expect([drawn.status, voided.status].sort()).toEqual(['fulfilled', 'rejected'])
      const live = await world.deps.prisma.handoverDraw.count({
        where: { donationId: donation.id, handover: { voidedAt: null }, donation: { voidedAt: { not: null } } },
      })
      expect(live).toBe(0)
    }
  })
})

describe('a handover’s photo sent again and again at once', () => {
  let served: { baseUrl: string; tokens: Record<'cadre', string> }
  beforeAll(async () => {
    served = await serveWorld(world, ['cadre'])
  })

  it('is kept once: 20 replays of one upload (lost answers, app kills) at once give one Photo', async () => {
    const handover = await world.cadre.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: (await newHousehold()).id,
      handedOverOn: '2025-01-23',
      cashFen: 20_000,
    })
    const jpeg = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#cc6633' } })
      .jpeg()
      .toBuffer()
    const upload = async () => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg')
      const response = await fetch(`${served.baseUrl}/uploads/photo?handoverId=${handover.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${served.tokens.cadre}` },
        body: form,
      })
      return { status: response.status, id: ((await response.json()) as { id?: string }).id }
    }
    const answers = await Promise.all(Array.from({ length: 20 }, upload))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19)
    expect(new Set(answers.map((a) => a.id)).size).toBe(1)
    expect(await world.deps.prisma.photo.count({ where: { handoverId: handover.id } })).toBe(1)
    const created = await world.deps.prisma.auditLog.count({
      where: { action: 'photo.create', entityId: answers[0]?.id },
    })
    expect(created).toBe(1)
  })
})
