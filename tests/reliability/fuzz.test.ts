// Fuzz: every procedure that takes input is fed inputs derived from its own zod schema (valid,
// at the edges, or with one thing wrong) and plain junk, as an authorised caller, so that the
// input reaches the service. Whatever comes in, the answer must be a result or a refusal the
// user can read: never an INTERNAL_SERVER_ERROR, never a non-tRPC throw, and every BAD_REQUEST
// with a Chinese message.
//
//   FUZZ_RUNS        runs per procedure (default 1000 under CI, else 200)
//   FUZZ_SEED        replays a run (the seed is printed at the start and in every failure)
//   FUZZ_PROCEDURES  comma-separated paths, to fuzz only those (e.g. "donation.create")
import { randomInt } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatInvitationCode } from '../../common/contracts/invitation/invitation-code'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import type { Caller } from '../../server/caller'
import { CHINESE } from '../helpers/errors'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'
import { reportFigures } from './figures'
import {
  type CatalogEntry,
  callProcedure,
  describeError,
  type Outcome,
  outcomeOf,
  procedureCatalog,
} from './procedure-catalog'
import { invalidArbitrary, junkArbitrary, type ValuePath, validArbitrary } from './zod-arbitrary'

const positiveInt = (value: string | undefined) => {
  const n = Number(value)
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined
}

const RUNS = positiveInt(process.env.FUZZ_RUNS) ?? (process.env.CI ? 1000 : 200)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) | 0 : randomInt(2 ** 31 - 1)
const ONLY = process.env.FUZZ_PROCEDURES?.split(',').map((p) => p.trim())

/** Each procedure gets its own seed from the run's, so its inputs replay alone too (FUZZ_PROCEDURES). */
const seedFor = (path: string) => {
  let hash = 2166136261
  for (const char of path) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return (SEED ^ hash) | 0
}

const catalog = procedureCatalog()
const fuzzed = catalog.filter((p) => p.input && (!ONLY || ONLY.includes(p.path)))

// ─── The world the inputs point into ────────────────────────────────────────────────

type Role = 'admin' | 'cadre' | 'secretary' | 'resident' | 'unbound' | 'account' | 'anonymous'

let world: World
let callers: Record<Role, Caller>
/** Accounts whose own state a procedure changes (binding, password), put back after each success. */
let unboundUserId: string
let accountUserId: string
let accountPasswordHash: string | null
const pools = {
  villages: [] as string[],
  orgs: [] as string[],
  users: [] as string[],
  cadres: [] as string[],
  households: [] as { id: string; headName: string; idNumber: string; villageId: string }[],
  /** Households to bind to, which no household.* call changes (their names must stay as made). */
  bindable: [] as { headName: string; idNumber: string }[],
  members: [] as string[],
  needs: [] as string[],
  visits: [] as string[],
  activities: [] as string[],
  donations: [] as string[],
  // The administration procedures change records of their own, so that the story's orgs, villages,
  // pairings and accounts, on which every other procedure's inputs rest, stay as they are.
  adminOrgs: [] as string[],
  adminVillages: [] as string[],
  pairings: [] as string[],
  /** 党员 accounts: some with a WeChat, a 驻村 post, or deactivated. */
  accounts: [] as string[],
  roles: [] as string[],
  posts: [] as string[],
  invitations: [] as string[],
  /** Codes of invitations kept for invitation.accept (no other procedure touches their accounts). */
  invitationCodes: [] as string[],
}
/** What an accepted invitation changes, put back after each success so that the next can succeed too. */
const acceptable = { accountIds: [] as string[], invitationIds: [] as string[] }
/** A few fixed keys, so that some mutations replay (or reuse a key with another input). */
const REUSED_MUTATION_IDS = ['0b5c4d4e-1c33-4e63-9d1a-6f0f5b0e2a11', '7d0e2f9a-5b1c-4c8e-8f3a-2b6d9e1c4a22']

beforeAll(async () => {
  // Lockouts would soon answer every login and binding with TOO_MANY_REQUESTS and hide the code
  // behind them; tests/server covers the lockout itself.
  world = await createWorld({ security: { maxFailuresPerSubject: 1_000_000, maxFailuresPerIp: 1_000_000 } })
  const { villages, orgs, users } = world.ref
  const firm = orgs.firmBranches[0]
  if (!firm) throw new Error('the story has seven firms')

  const sides = [
    { owner: world.cadre, village: villages.qianyue },
    { owner: world.otherCadre, village: villages.shangtan },
  ]
  for (const { owner, village } of sides) {
    for (let i = 0; i < 3; i++) {
      const input = householdInput(village.id)
      const household = await owner.household.create(input)
      pools.households.push({
        id: household.id,
        headName: input.headName,
        idNumber: input.idNumber,
        villageId: village.id,
      })
      pools.members.push(...household.members.map((m) => m.id))
      const need = await owner.need.create({
        householdId: household.id,
        category: 'HOUSING',
        description: '院墙倒塌需要修复',
      })
      pools.needs.push(need.id)
      const visit = await owner.visit.create({
        target: 'HOUSEHOLD',
        householdId: household.id,
        visitedOn: '2025-02-20',
        healthNotes: '高血压',
        goods: [{ item: '大米', quantity: 2, unit: '袋', unitValueFen: 10_000 }],
      })
      pools.visits.push(visit.id)
    }
  }
  const [qianyueHousehold] = pools.households
  if (!qianyueHousehold) throw new Error('no household made')
  const activities = [
    await world.secretary.activity.create(
      activityInput(orgs.bureauBranch.id, { villageId: villages.qianyue.id, participantOrgIds: [firm.id] }),
    ),
    await world.secretary.activity.create(activityInput(orgs.bureauBranch.id, { status: 'DRAFT' })),
    await world.admin.activity.create(activityInput(orgs.otherVillageBranch.id, { villageId: villages.shangtan.id })),
  ]
  pools.activities.push(...activities.map((a) => a.id))
  const donations = [
    await world.secretary.donation.create(cashDonationInput(villages.qianyue.id, 500_000, { donorOrgId: firm.id })),
    await world.secretary.donation.create(
      cashDonationInput(villages.qianyue.id, 20_000, {
        recipientKind: 'HOUSEHOLD',
        householdId: qianyueHousehold.id,
        activityId: activities[0]?.id ?? null,
      }),
    ),
    await world.admin.donation.create({
      ...cashDonationInput(villages.shangtan.id, 0),
      kind: 'GOODS',
      amountFen: undefined,
      goods: [{ item: '面粉', quantity: 10, unit: '袋', unitValueFen: 7_500 }],
    }),
  ]
  pools.donations.push(...donations.map((d) => d.id))

  await world.deps.prisma.user.update({
    where: { id: users.resident.id },
    data: { householdId: qianyueHousehold.id },
  })
  for (const village of [villages.qianyue, villages.shangtan]) {
    const input = householdInput(village.id)
    await world.admin.household.create(input)
    pools.bindable.push({ headName: input.headName, idNumber: input.idNumber })
  }
  const { prisma } = world.deps
  const unbound = await prisma.user.create({ data: { openid: 'o-fuzz-unbound', displayName: '微信用户' } })
  unboundUserId = unbound.id
  // A staff account of its own for changing a password, so the demo accounts keep theirs.
  accountPasswordHash = (await prisma.user.findUniqueOrThrow({ where: { id: users.member.id } })).passwordHash
  const account = await prisma.user.create({
    data: {
      displayName: '改密测试',
      phone: '17700009999',
      passwordHash: accountPasswordHash,
      memberships: { create: { orgId: orgs.bureauBranch.id, role: 'MEMBER' } },
    },
  })
  accountUserId = account.id
  await makeAdministrationPools(orgs.bureauBranch.id, orgs.otherVillageBranch.id)
  callers = {
    admin: world.admin,
    cadre: world.cadre,
    secretary: world.secretary,
    resident: await world.as(users.resident.id),
    unbound: await world.as(unbound.id),
    account: await world.as(account.id),
    anonymous: world.anonymous,
  }
  pools.villages.push(villages.qianyue.id, villages.shangtan.id)
  pools.orgs.push(...Object.values(orgs).flatMap((o) => (Array.isArray(o) ? o.map((x) => x.id) : [o.id])))
  pools.users.push(...Object.values(users).map((u) => u.id), unbound.id)
  pools.cadres.push(users.cadre.id, users.otherCadre.id)
  console.log(
    `[fuzz] seed=${SEED} runs=${RUNS} procedures=${fuzzed.length}; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`,
  )
})

/** Orgs below both sides' branches, a village with its pairings, 党员 accounts and their invitations. */
const makeAdministrationPools = async (...branchIds: string[]) => {
  const { prisma } = world.deps
  let n = 0
  const village = await world.admin.village.create({
    name: '模糊测试村',
    county: '大通县',
    township: '良教乡',
    adminCode: '630121105301',
  })
  pools.adminVillages.push(village.id)
  const account = async (orgId: string, data: { openid?: string; isActive?: boolean; post?: boolean } = {}) => {
    n++
    const user = await prisma.user.create({
      data: {
        displayName: `模糊测试党员${n}`,
        phone: `1770001${String(n).padStart(4, '0')}`,
        openid: data.openid ?? null,
        isActive: data.isActive ?? true,
        memberships: { create: { orgId, role: 'MEMBER', title: '党员' } },
        ...(data.post ? { cadreVillages: { create: { villageId: village.id, post: '驻村工作队员' } } } : {}),
      },
      select: { id: true, memberships: { select: { id: true } }, cadreVillages: { select: { id: true } } },
    })
    return { id: user.id, roleIds: user.memberships.map((m) => m.id), postIds: user.cadreVillages.map((c) => c.id) }
  }
  for (const branchId of branchIds) {
    const org = await world.admin.org.create({ name: `模糊测试组织${++n}`, kind: 'BRANCH', parentId: branchId })
    const child = await world.admin.org.create({ name: `模糊测试组织${++n}`, kind: 'BRANCH', parentId: org.id })
    pools.adminOrgs.push(org.id, child.id)
    const pairing = await prisma.orgVillagePair.create({ data: { orgId: org.id, villageId: village.id } })
    pools.pairings.push(pairing.id)
    const accounts = [
      await account(branchId),
      await account(child.id),
      await account(branchId, { openid: `o-fuzz-member-${n}` }),
      await account(branchId, { isActive: false }),
      await account(org.id, { post: true }),
    ]
    pools.accounts.push(...accounts.map((a) => a.id))
    pools.roles.push(...accounts.flatMap((a) => a.roleIds))
    pools.posts.push(...accounts.flatMap((a) => a.postIds))
    for (const { id } of accounts.slice(0, 2))
      pools.invitations.push((await world.admin.invitation.create({ userId: id })).id)
    // Accounts invited for invitation.accept alone.
    for (let i = 0; i < 2; i++) {
      const invited = await account(branchId)
      const invitation = await world.admin.invitation.create({ userId: invited.id })
      acceptable.accountIds.push(invited.id)
      acceptable.invitationIds.push(invitation.id)
      pools.invitationCodes.push(invitation.code)
    }
  }
}

// ─── Inputs ─────────────────────────────────────────────────────────────────────────

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values)

/** The ids a top-level `id` or `cursor` should mostly name, by the procedure's domain. */
const idsFor = (path: string): string[] => {
  if (path === 'user.endRole') return pools.roles
  if (path === 'user.endPost') return pools.posts
  if (path === 'invitation.revoke') return pools.invitations
  if (path === 'village.endPairing') return pools.pairings
  // Reads name any org or village; changes only those made for the fuzz.
  if (path === 'org.byId' || path === 'org.tree') return [...pools.orgs, ...pools.adminOrgs]
  if (path.startsWith('org.')) return pools.adminOrgs
  if (path === 'village.byId' || path === 'village.directory') return [...pools.villages, ...pools.adminVillages]
  if (path.startsWith('village.')) return pools.adminVillages
  if (path === 'user.byId' || path === 'user.list') return [...pools.users, ...pools.accounts]
  if (path.startsWith('user.')) return pools.accounts
  if (path.startsWith('household.')) return pools.households.map((h) => h.id)
  if (path.startsWith('need.') || path.startsWith('resident.')) return pools.needs
  if (path.startsWith('visit.')) return pools.visits
  if (path.startsWith('activity.')) return pools.activities
  if (path.startsWith('donation.')) return pools.donations
  return [...pools.needs, ...pools.visits]
}

const validIdNumbers = () =>
  fc.oneof(
    pick([...pools.households, ...pools.bindable].map((h) => h.idNumber)),
    fc.integer({ min: 0, max: 999 }).map((sequence) => fakeIdNumber('1985-05-05', sequence)),
    fc.integer({ min: 0, max: 999 }).map((sequence) => fakeIdNumber('2010-12-31', sequence, '630102').toLowerCase()),
  )

const fresh = fc.uuid({ version: 4 })
const isCreate = (path: string) => /\.(create|createBatch|submitNeed)$/.test(path)

/** Values that reach the services: rows that exist, well-formed ID numbers, a real login. */
const hintFor =
  (path: string) =>
  (valuePath: ValuePath, kind: string): fc.Arbitrary<unknown> | undefined => {
    const key = [...valuePath].reverse().find((k): k is string => typeof k === 'string')
    const parent = valuePath.length >= 3 ? valuePath[valuePath.length - 3] : undefined
    // Lists of ids are hinted element by element; every other key only as itself.
    const isElement = typeof valuePath.at(-1) === 'number'
    if (isElement !== (key === 'participantOrgIds' || key === 'visitorIds')) return undefined
    switch (key) {
      case 'villageId':
        return pick(pools.villages)
      case 'householdId':
        return pick(pools.households.map((h) => h.id))
      case 'activityId':
        return pick(pools.activities)
      case 'organiserOrgId':
      case 'donorOrgId':
      case 'participantOrgIds':
        return pick(pools.orgs)
      case 'orgId':
      case 'parentId':
        return pick([...pools.orgs, ...pools.adminOrgs])
      case 'userId':
        return pick(pools.accounts)
      case 'cadreUserId':
        return pick(pools.cadres)
      case 'responsibleUserId':
      case 'visitorIds':
        return pick(pools.users)
      case 'memberId':
        return pick(pools.members)
      case 'cursor':
        // The audit log's cursor is an entry's number (a bigint), up to the 19 digits it accepts.
        if (path === 'audit.list')
          return fc.oneof(
            fc.integer({ min: 1, max: 10_000 }).map(String),
            fc.constantFrom('9223372036854775807', '9223372036854775808', '9999999999999999999'),
          )
        return pick(idsFor(path))
      case 'id':
        // A create may carry a device-made id: mostly new, sometimes one already kept.
        if (valuePath.length === 1 && isCreate(path)) return fc.oneof(fresh, fresh, fresh, pick(idsFor(path)))
        if (valuePath.length === 1) return pick(idsFor(path))
        if (parent === 'members') return pick(pools.members)
        if (parent === 'needs') return fc.oneof(fresh, fresh, fresh, pick(pools.needs))
        if (parent === 'donations') return fc.oneof(fresh, fresh, fresh, pick(pools.donations))
        return undefined
      case 'idNumber':
        return validIdNumbers()
      case 'headName':
        return path === 'resident.bindHousehold' ? pick(pools.bindable.map((h) => h.headName)) : undefined
      case 'phone': {
        const taken = pick(Object.values(DEMO_ACCOUNTS).map((a) => a.phone))
        if (path === 'auth.loginWithPassword') return taken
        // New phones mostly, sometimes one an account signs in with already.
        if (path.startsWith('user.'))
          return fc.oneof(
            fc.nat(99_999_999).map((n) => `139${String(n).padStart(8, '0')}`),
            taken,
          )
        return undefined
      }
      case 'code':
        // An invitation code as typed (any case, a dash) or inside its QR code's link, or a guess.
        return path === 'invitation.accept'
          ? fc.oneof(
              pick(pools.invitationCodes),
              pick(pools.invitationCodes).map((code) => formatInvitationCode(code).toLowerCase()),
              pick(pools.invitationCodes).map((code) => `http://127.0.0.1:3000/invite?code=${code}`),
              fc.stringMatching(/^[A-HJKMNP-Z2-9]{8}$/),
            )
          : path === 'invitation.acceptWithPassword'
            ? // Guesses only: a success would set a password on an account other procedures use.
              fc.stringMatching(/^[A-HJKMNP-Z2-9]{8}$/)
            : undefined
      case 'adminCode':
        // 良教乡's codes (free, or taken by 前跃村 and 上滩村), and another township's of 大通县.
        return fc.oneof(
          fc.integer({ min: 1, max: 999 }).map((n) => `630121105${String(n).padStart(3, '0')}`),
          fc.constantFrom('630121105201', '630121105207'),
          fc.integer({ min: 1, max: 999 }).map((n) => `630121101${String(n).padStart(3, '0')}`),
        )
      case 'county':
        return path.startsWith('village.') ? pick(['大通县', '湟中区']) : undefined
      case 'township':
        return path.startsWith('village.') ? pick(['良教乡', '多林镇']) : undefined
      case 'password':
      case 'currentPassword':
        return fc.constant(TEST_PASSWORD)
      case 'newPassword':
        return fc.stringMatching(/^[A-Za-z]{2,60}[0-9]{6,60}$/)
      case 'version':
        // A record's version, or the privacy notice's.
        return kind === 'number'
          ? fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3 }))
          : fc.constantFrom(PRIVACY_NOTICE_VERSION, '2025-01-01')
      case 'clientMutationId':
        return fc.oneof({ weight: 1, arbitrary: pick(REUSED_MUTATION_IDS) }, { weight: 19, arbitrary: fresh })
      default:
        return undefined
    }
  }

type Loose = Record<string, unknown>
const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** 应到 − 实到 = the absentees listed. */
const fixAttendance = (input: Loose): Loose => {
  const absences = Array.isArray(input.absences) ? input.absences.length : 0
  const expected = typeof input.expectedCount === 'number' ? input.expectedCount : 0
  return expected >= absences
    ? { ...input, expectedCount: expected, presentCount: expected - absences }
    : { ...input, expectedCount: absences, presentCount: 0 }
}

const fixDonation = (input: unknown, r: number): unknown => {
  if (!isRecord(input)) return input
  const d: Loose = { ...input }
  if (!d.donorOrgId && !d.donorName) d.donorName = '爱心人士'
  if (d.kind === 'CASH') {
    d.goods = []
    if (!d.amountFen) d.amountFen = 100
  }
  if (d.kind === 'GOODS' && !(Array.isArray(d.goods) && d.goods.length)) {
    d.goods = [{ item: '食用油', quantity: 1, unit: '桶', unitValueFen: 5_000 }]
  }
  const household = pools.households[r % pools.households.length]
  if (d.recipientKind === 'HOUSEHOLD' && household) {
    d.householdId = household.id
    d.villageId = household.villageId
  }
  if (d.recipientKind === 'CADRE') d.cadreUserId = pools.cadres[r % pools.cadres.length]
  return d
}

const fixVisit = (input: Loose, r: number): Loose => {
  const household = pools.households[r % pools.households.length]
  if (input.target === 'HOUSEHOLD' && household) return { ...input, householdId: household.id }
  return { ...input, cadreUserId: pools.cadres[r % pools.cadres.length], needs: [] }
}

const fixHousehold = (input: Loose): Loose => {
  const h: Loose = { ...input }
  if (Array.isArray(h.members)) {
    let heads = 0
    h.members = h.members.map((m: unknown) => {
      if (!isRecord(m)) return m
      const member: Loose = { ...m }
      if (member.relationship === 'HEAD' && heads++ > 0) member.relationship = 'OTHER'
      if (!member.id && !member.health) member.health = { status: 'HEALTHY' }
      return member
    })
  }
  if (Array.isArray(h.risks)) {
    const seen = new Set<unknown>()
    h.risks = h.risks
      .filter((risk: unknown) => !isRecord(risk) || (!seen.has(risk.code) && seen.add(risk.code)))
      .map((risk: unknown) =>
        isRecord(risk) && risk.isEliminated
          ? { ...risk, eliminatedMonth: risk.identifiedMonth, eliminationMethod: risk.eliminationMethod ?? 'ASSISTED' }
          : risk,
      )
  }
  if (typeof h.monitoringStartedOn === 'string' && typeof h.monitoringEndedOn === 'string') {
    if (h.monitoringEndedOn < h.monitoringStartedOn) h.monitoringEndedOn = h.monitoringStartedOn
  }
  return h
}

/** Cross-field rules (superRefine) that a walk of the schema cannot know, applied to ¾ of the valid inputs. */
const NUDGES: Record<string, (input: Loose, r: number) => Loose> = {
  'activity.create': fixAttendance,
  'activity.update': fixAttendance,
  'donation.create': (input, r) => fixDonation(input, r) as Loose,
  'donation.createBatch': (input, r) =>
    Array.isArray(input.donations)
      ? { ...input, donations: input.donations.map((d, i) => fixDonation(d, r + i)) }
      : input,
  'visit.create': fixVisit,
  'household.create': fixHousehold,
  'household.update': fixHousehold,
  'resident.bindHousehold': (input, r) => {
    const household = pools.bindable[r % pools.bindable.length]
    return household ? { ...input, headName: household.headName, idNumber: household.idNumber } : input
  },
}

const inputArbitrary = (procedure: CatalogEntry): fc.Arbitrary<unknown> => {
  const schema = procedure.input
  if (!schema) return fc.constant(undefined)
  const options = { hint: hintFor(procedure.path), maxArrayLength: 4, maxBoundaryArrayLength: 30 }
  const valid = validArbitrary(schema, options)
  const nudge = NUDGES[procedure.path]
  const nudged = nudge
    ? fc
        .tuple(valid, fc.nat(3), fc.nat())
        .map(([value, dice, r]) => (dice > 0 && isRecord(value) ? nudge(value, r) : value))
    : valid
  return fc.oneof(
    { weight: 5, arbitrary: nudged },
    { weight: 3, arbitrary: invalidArbitrary(schema, options) },
    { weight: 2, arbitrary: junkArbitrary(valid) },
  )
}

/** Who calls: an admin (reaches everything) mostly, and a scoped role, whose queries differ. */
const rolesFor = (path: string): fc.Arbitrary<Role> => {
  if (/^auth\.login/.test(path)) return fc.constant('anonymous')
  if (path.startsWith('auth.')) return fc.constant('account')
  if (path === 'resident.bindHousehold') return fc.constant('unbound')
  if (path.startsWith('resident.')) return fc.constant('resident')
  // A WeChat user's own account, or a staff account (which has no WeChat to bind).
  if (path === 'invitation.accept')
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant<Role>('unbound') },
      { weight: 1, arbitrary: fc.constant<Role>('account') },
    )
  // Administrators' own: anyone else is refused before the input is looked at.
  if (/^(audit\.|village\.(directory|create|update|pair|endPairing)$)/.test(path)) return fc.constant('admin')
  const scoped: Role = /^(activity|donation|org|user|invitation)\./.test(path) ? 'secretary' : 'cadre'
  return fc.oneof({ weight: 3, arbitrary: fc.constant<Role>('admin') }, { weight: 1, arbitrary: fc.constant(scoped) })
}

// ─── Tally ──────────────────────────────────────────────────────────────────────────

type Tally = {
  calls: number
  ok: number
  badRequest: number
  otherRejections: number
  internal: number
  crashes: number
  /** Refusals whose message (or a field's) a user could not read. */
  unreadable: number
  byCode: Record<string, number>
  /** Calls that broke a rule; each kind of failure with how often it came and a first input. */
  failed: number
  failures: Map<string, { count: number; role: Role; input: string }>
  /** Refusal messages and how often each came (printed with FUZZ_VERBOSE=1). */
  messages: Map<string, number>
}
const newTally = (): Tally => ({
  calls: 0,
  ok: 0,
  badRequest: 0,
  otherRejections: 0,
  internal: 0,
  crashes: 0,
  unreadable: 0,
  byCode: {},
  failed: 0,
  failures: new Map(),
  messages: new Map(),
})
const tallies = new Map<string, Tally>()
let runtimeMs = 0

/** A short, safe rendering of any input: bigints, Maps, huge strings, deep nesting. */
const show = (value: unknown, depth = 0): string => {
  if (depth > 6) return '…'
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…(${value.length} chars)` : value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  if (value === undefined) return 'undefined'
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`
  if (value instanceof Map) return `Map(${value.size})`
  if (value instanceof Set) return `Set(${value.size})`
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((v) => show(v, depth + 1))
    return `[${items.join(', ')}${value.length > 5 ? `, …(${value.length})` : ''}]`
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Loose)
    const shown = entries.slice(0, 12).map(([k, v]) => `${JSON.stringify(k)}: ${show(v, depth + 1)}`)
    return `{${shown.join(', ')}${entries.length > 12 ? `, …(${entries.length} keys)` : ''}}`
  }
  return typeof value
}

const isReadable = (message: string) =>
  CHINESE.test(message) && !/^\s*[[{]/.test(message) && !/\n\s+at |prisma|SELECT |INSERT /i.test(message)

const record = (path: string, role: Role, input: unknown, outcome: Outcome) => {
  const tally = tallies.get(path) ?? newTally()
  tallies.set(path, tally)
  tally.calls++
  const fail = (what: string) => {
    tally.failed++
    // One entry per kind of failure: numbers and ids vary from call to call.
    const kind = what.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d{5,}/g, 'N')
    const seen = tally.failures.get(kind)
    if (seen) seen.count++
    else tally.failures.set(kind, { count: 1, role, input: show(input) })
  }
  if (outcome.kind === 'ok') {
    tally.ok++
    return
  }
  if (outcome.kind === 'crash') {
    tally.crashes++
    fail(`threw a non-tRPC error: ${describeError(outcome.error)}`)
    return
  }
  tally.byCode[outcome.code] = (tally.byCode[outcome.code] ?? 0) + 1
  if (outcome.code === 'INTERNAL_SERVER_ERROR') {
    tally.internal++
    fail(`INTERNAL_SERVER_ERROR: ${describeError(outcome.error.cause ?? outcome.error)}`)
    return
  }
  const said = `${outcome.code} ${outcome.message.slice(0, 60)}`
  tally.messages.set(said, (tally.messages.get(said) ?? 0) + 1)
  if (outcome.code === 'BAD_REQUEST') tally.badRequest++
  else tally.otherRejections++
  const foreign = outcome.fieldMessages.filter((m) => !CHINESE.test(m))
  if (!isReadable(outcome.message) || foreign.length) tally.unreadable++
  if (!isReadable(outcome.message)) fail(`${outcome.code} without a readable Chinese message: ${show(outcome.message)}`)
  if (foreign.length) fail(`${outcome.code} with field messages that are not Chinese: ${show(foreign)}`)
}

/**
 * Records a procedure made, for the procedures after it to work on: new orgs (leaves, which
 * org.close may close) and invitations (each one revokes its account's one before).
 */
const MADE: Record<string, string[]> = { 'org.create': pools.adminOrgs, 'invitation.create': pools.invitations }

/** The invited accounts let go of the WeChat, their invitations are open again, the WeChat user's account is back. */
const undoAcceptance = async () => {
  const { prisma } = world.deps
  await prisma.user.updateMany({ where: { id: { in: acceptable.accountIds } }, data: { openid: null, unionid: null } })
  await prisma.invitation.updateMany({ where: { id: { in: acceptable.invitationIds } }, data: { acceptedAt: null } })
  await prisma.user.update({
    where: { id: unboundUserId },
    data: { openid: 'o-fuzz-unbound', isActive: true, deactivatedAt: null },
  })
}

// ─── The runs ───────────────────────────────────────────────────────────────────────

describe('Fuzz', () => {
  afterAll(() => {
    const totals = [...tallies.values()].reduce(
      (sum, t) => ({
        calls: sum.calls + t.calls,
        ok: sum.ok + t.ok,
        badRequest: sum.badRequest + t.badRequest,
        otherRejections: sum.otherRejections + t.otherRejections,
        internal: sum.internal + t.internal,
        crashes: sum.crashes + t.crashes,
        unreadable: sum.unreadable + t.unreadable,
      }),
      { calls: 0, ok: 0, badRequest: 0, otherRejections: 0, internal: 0, crashes: 0, unreadable: 0 },
    )
    for (const [path, t] of tallies) {
      const codes = Object.entries(t.byCode)
        .map(([code, n]) => `${code}=${n}`)
        .join(' ')
      console.log(`[fuzz] ${path.padEnd(24)} calls=${t.calls} ok=${t.ok} ${codes}`)
      for (const [kind, { count }] of t.failures) console.log(`[fuzz]   FAILED ${count}× ${kind}`)
      if (process.env.FUZZ_VERBOSE) {
        const top = [...t.messages].sort((a, b) => b[1] - a[1]).slice(0, 8)
        for (const [message, n] of top) console.log(`         ${String(n).padStart(5)} ${message}`)
      }
    }
    reportFigures('fuzz', {
      seed: SEED,
      runsPerProcedure: RUNS,
      procedures: tallies.size,
      ...totals,
      runtimeSeconds: Math.round(runtimeMs / 100) / 10,
    })
  })

  it('covers every procedure that takes input', () => {
    const withInput = catalog.filter((p) => p.input).map((p) => p.path)
    expect(withInput.length).toBeGreaterThan(0)
    if (!ONLY) expect(fuzzed.map((p) => p.path)).toEqual(withInput)
  })

  for (const procedure of fuzzed) {
    it(procedure.path, async () => {
      const started = Date.now()
      await fc.assert(
        fc.asyncProperty(inputArbitrary(procedure), rolesFor(procedure.path), async (input, role) => {
          const outcome = await outcomeOf(() => callProcedure(callers[role], procedure.path, input), {
            path: procedure.path,
            type: procedure.type,
            input,
          })
          record(procedure.path, role, input, outcome)
          // The lockout's record of attempts, emptied after each one: never locked out (as the
          // limits above), and each claim reads a few rows rather than every attempt of the run
          // (all from one IP), which made the password procedures' runs take minutes.
          if (procedure.isProof) await world.deps.prisma.authAttempt.deleteMany({})
          // A binding or a password change that worked is undone, so that the next run can do it again.
          if (procedure.path === 'resident.bindHousehold' && outcome.kind === 'ok') {
            await world.deps.prisma.user.update({ where: { id: unboundUserId }, data: { householdId: null } })
          }
          if (procedure.path === 'invitation.accept' && outcome.kind === 'ok') await undoAcceptance()
          const madeInto = MADE[procedure.path]
          if (madeInto && outcome.kind === 'ok') madeInto.push((outcome.value as { id: string }).id)
          if (procedure.path === 'auth.changePassword' && outcome.kind === 'ok') {
            await world.deps.prisma.user.update({
              where: { id: accountUserId },
              data: { passwordHash: accountPasswordHash },
            })
          }
        }),
        { numRuns: RUNS, seed: seedFor(procedure.path) },
      )
      runtimeMs += Date.now() - started
      const tally = tallies.get(procedure.path) ?? newTally()
      const failures = [...tally.failures].map(
        ([kind, { count, role, input }]) => `${count}× ${kind}\n    first as ${role}, input: ${input}`,
      )
      expect(failures, `${tally.failed} of ${tally.calls} calls failed; replay with FUZZ_SEED=${SEED}`).toEqual([])
    })
  }

  it('leaves Object.prototype as it was', () => {
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Loose).polluted).toBeUndefined()
  })
})
