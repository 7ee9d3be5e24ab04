// Authz matrix: every procedure of the router × every kind of caller × a record inside and a
// record outside the 前跃村 actors' scope, against a table (AUTHZ below) that says what each must
// answer. The procedures are read from the router itself: one without an entry in the table fails
// its test, so whoever adds a procedure must classify it here.
//
// A leak is a call the table refuses that resolved, or a result that shows what the caller may
// not see: a record out of scope in a list or a total, a household named to someone outside its
// village (server/services/households/visible-households.ts), health details to someone who does
// not keep the village's records. Any other difference from the table (another error code, an
// INTERNAL_SERVER_ERROR, a refusal where the table allows) fails too, as a mismatch.
//
// Mutating checks run on records made for that one check, so the order of checks never matters.
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import type { Caller } from '../../server/caller'
import type { DailyNeedsReport } from '../../server/services/reports/daily-needs'
import type { statsSummary } from '../../server/services/stats/summary'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { TEST_NEED_STATUS_TEMPLATE, TEST_NOTICE_TEMPLATES } from '../helpers/notice-templates'
import { signatureBase64 } from '../helpers/signature-png'
import { addFirmSecretary, createWorld, staffAccounts, TEST_PASSWORD, type World } from '../helpers/world'
import { reportFigures } from './figures'
import { callProcedure, describeError, outcomeOf, type ProcedureType, procedureCatalog } from './procedure-catalog'

// ─── Callers, sides, outcomes ───────────────────────────────────────────────────────

const ROLES = [
  'admin',
  'secretary', // 支部书记 of the bureau's branch, paired with 前跃村
  'cadre', // 驻村干部 of 前跃村
  'member', // 党员 of the bureau's branch
  'otherCadre', // 驻村干部 of 上滩村
  'firmSecretary', // 支部书记 of a law firm's branch: paired with no village
  'resident', // 村民 bound to a 前跃村 household
  'unbound', // a WeChat user who has not bound a household
  'anonymous',
] as const
type Role = (typeof ROLES)[number]

/** "in": a record in 前跃村, made by its actors; "out": one in 上滩村, made by its cadre or an admin. */
type Side = 'in' | 'out'
const SIDES: readonly Side[] = ['in', 'out']

const OK = 'ok'
const NF = 'NOT_FOUND'
const FB = 'FORBIDDEN'
const BR = 'BAD_REQUEST'
type Expected = typeof OK | typeof NF | typeof FB | typeof BR | 'UNAUTHORIZED' | 'CONFLICT' | 'PRECONDITION_FAILED'
/** One answer for a procedure on no particular record, or [前跃村 record, 上滩村 record]. */
type Reach = Expected | readonly [Expected, Expected]

/** What the base procedures of server/trpc.ts answer before any handler runs. */
const GATES = {
  public: {},
  signedIn: { anonymous: 'UNAUTHORIZED' },
  staff: { anonymous: 'UNAUTHORIZED', resident: FB, unbound: FB },
  secretary: { anonymous: 'UNAUTHORIZED', cadre: FB, member: FB, otherCadre: FB, resident: FB, unbound: FB },
  cadre: { anonymous: 'UNAUTHORIZED', secretary: FB, member: FB, firmSecretary: FB, resident: FB, unbound: FB },
  admin: {
    anonymous: 'UNAUTHORIZED',
    secretary: FB,
    cadre: FB,
    member: FB,
    otherCadre: FB,
    firmSecretary: FB,
    resident: FB,
    unbound: FB,
  },
  resident: {
    anonymous: 'UNAUTHORIZED',
    admin: FB,
    secretary: FB,
    cadre: FB,
    member: FB,
    otherCadre: FB,
    firmSecretary: FB,
    unbound: FB,
  },
} as const satisfies Record<string, Partial<Record<Role, Expected>>>
type Gate = keyof typeof GATES

const everyone = (reach: Reach): Record<Role, Reach> =>
  Object.fromEntries(ROLES.map((role) => [role, reach])) as Record<Role, Reach>

/** The same answer on both sides' records (so that both are tried). */
const both = (expected: Expected) => [expected, expected] as const

/** Reads scoped by village (数据范围): 前跃村's actors reach its records, 上滩村's cadre his, the firm neither. */
const BY_VILLAGE = {
  admin: [OK, OK],
  secretary: [OK, NF],
  cadre: [OK, NF],
  member: [OK, NF],
  otherCadre: [NF, OK],
  firmSecretary: [NF, NF],
} as const satisfies Partial<Record<Role, Reach>>

/** Who may change a donation: its recorder (the bureau's secretary) and the donor org's (the firm). */
const DONATION_KEEPERS = {
  admin: [OK, OK],
  secretary: [OK, NF],
  firmSecretary: [OK, NF],
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Accounts (services/users/user-access.ts): an admin any; a secretary the 党员 of his subtree, and
 * no account beyond it, which answers as if it did not exist; the firm's secretary neither side's.
 */
const ACCOUNT_KEEPERS = { admin: [OK, OK], secretary: [OK, NF], firmSecretary: [NF, NF] } as const satisfies Partial<
  Record<Role, Reach>
>

/** Changes to the org tree, and roles granted in it: an admin anywhere; a secretary in his own subtree. */
const SUBTREE_KEEPERS = { admin: [OK, OK], secretary: [OK, FB], firmSecretary: [FB, FB] } as const satisfies Partial<
  Record<Role, Reach>
>

/** Record keeping (cadreProcedure, then scope): the village's own cadre, and admins. */
const RECORD_KEEPERS = { admin: [OK, OK], cadre: [OK, NF], otherCadre: [NF, OK] } as const satisfies Partial<
  Record<Role, Reach>
>

// ─── The world ──────────────────────────────────────────────────────────────────────

type Domain = 'household' | 'need' | 'visit' | 'activity' | 'donation'
type HouseholdRecord = { id: string; version: number; headName: string; code: string; idNumber: string }
type Versioned = { id: string; version: number }
/** A 党员's account: its MEMBER role, and its 驻村 post when it has one. */
type Account = Versioned & { roleId: string; postId: string | null }
type AccountOptions = {
  /** Where the account is a 党员 (default: the side's branch). */
  orgId?: string
  isActive?: boolean
  hasWechat?: boolean
  /** A 驻村 post in the side's village as well. */
  hasPost?: boolean
}

type SideWorld = {
  villageId: string
  /** The bureau's branch (the secretary's own) or 上滩村党支部. */
  branchId: string
  organiserOrgId: string
  participantOrgIds: string[]
  household: HouseholdRecord
  need: Versioned
  visit: Versioned
  activity: Versioned
  donation: Versioned
  /** An org below the side's branch, so that each side's tree has something to show. */
  org: Versioned
  /** A 党员 of the side's branch: an account the secretary manages ('in') or does not see ('out'). */
  account: Account
  /** Records made for one check. */
  fresh: {
    household: () => Promise<HouseholdRecord>
    need: () => Promise<Versioned>
    visit: () => Promise<Versioned>
    activity: () => Promise<Versioned>
    donation: () => Promise<Versioned>
    /** An org below the side's branch. */
    org: () => Promise<Versioned>
    account: (options?: AccountOptions) => Promise<Account>
    /** A pairing of a fresh org with the side's village (the seeded pairings stay: reach hangs on them). */
    pairing: () => Promise<{ id: string }>
    /** An open invitation to a fresh account of the side, and that account's sign-in phone. */
    invitation: () => Promise<{ id: string; code: string; phone: string }>
  }
  donationInput: () => ReturnType<typeof cashDonationInput>
}

let world: World
let callers: Record<Role, Caller>
/** Each role's account (none for anonymous). */
let accounts: Record<Role, string | null>
let sides: Record<Side, SideWorld>
let residentHouseholdId: string
let neighbourNeedId: string
const roleVillages = {} as Record<Role, string[]>
/** The branch of the firm whose secretary calls. */
let firmBranchId: string
/** The sides' branches and the orgs made below them: the secretary's subtree is the 'in' ones. */
const orgSides = new Map<string, Side>()

/** Names, phones and codes that no other record of this test has. */
let serial = 0
const nextSerial = () => ++serial
const freshPhone = (n: number) => `1390000${String(n).padStart(4, '0')}`
/** 12-digit codes of 良教乡 (630121105…), where both sides' villages are. */
let villageCodes = 300
const freshVillageCode = () => `630121105${++villageCodes}`

/** Every record made, with its side and, for households, the names that identify it. */
const registry: Record<Domain, { id: string; side: Side; labels: string[] }[]> = {
  household: [],
  need: [],
  visit: [],
  activity: [],
  donation: [],
}
const register = (domain: Domain, side: Side, id: string, labels: string[] = []) =>
  registry[domain].push({ id, side, labels })

/** Errors of the test's own set-up, kept apart from what the procedure under test answered. */
class SetupError extends Error {}
const setup = async <T>(what: string, make: () => Promise<T>): Promise<T> => {
  try {
    return await make()
  } catch (error) {
    throw new SetupError(`${what}: ${describeError(error)}`)
  }
}

let clones = 0

/**
 * A new account just like the role's own (memberships, villages, household, password), for a check
 * that changes the account itself: binding a household, changing the password.
 */
const cloneOf = async (role: Role): Promise<Caller> => {
  const id = accounts[role]
  if (!id) return callers[role]
  const clone = await setup(`a copy of the ${role}'s account`, async () => {
    const { prisma } = world.deps
    const user = await prisma.user.findUniqueOrThrow({
      where: { id },
      include: { memberships: true, cadreVillages: true },
    })
    clones++
    return prisma.user.create({
      data: {
        displayName: user.displayName,
        phone: user.phone ? `1770000${String(clones).padStart(4, '0')}` : null,
        passwordHash: user.passwordHash,
        openid: user.openid ? `${user.openid}-copy-${clones}` : null,
        householdId: user.householdId,
        memberships: { create: user.memberships.map(({ orgId, role, title }) => ({ orgId, role, title })) },
        cadreVillages: { create: user.cadreVillages.map(({ villageId, post }) => ({ villageId, post })) },
      },
    })
  })
  return world.as(clone.id)
}

beforeAll(async () => {
  world = await createWorld({ notices: TEST_NOTICE_TEMPLATES })
  const { prisma } = world.deps
  const { orgs, villages, users } = world.ref
  const { firm, user: firmSecretary } = await addFirmSecretary(world)
  firmBranchId = firm.id
  orgSides.set(orgs.bureauBranch.id, 'in')
  orgSides.set(orgs.otherVillageBranch.id, 'out')

  const unbound = await prisma.user.create({ data: { openid: 'o-authz-unbound', displayName: '微信用户' } })

  const makeSide = async (side: Side): Promise<SideWorld> => {
    const isIn = side === 'in'
    const villageId = isIn ? villages.qianyue.id : villages.shangtan.id
    // 前跃村: its cadre keeps the households, the bureau's secretary holds the party day (with a
    // law firm taking part) and logs the visit, the firm gives. 上滩村: its cadre and an admin.
    const keeper = isIn ? world.cadre : world.otherCadre
    const organiser = isIn ? world.secretary : world.admin
    const visitor = isIn ? world.secretary : world.otherCadre
    const branchId = isIn ? orgs.bureauBranch.id : orgs.otherVillageBranch.id
    const organiserOrgId = branchId
    const participantOrgIds = isIn ? [firm.id] : []
    // The side's own records, once made: fresh needs, visits and donations go to them.
    const records: Partial<Record<'household' | 'activity', Versioned>> = {}
    const own = (key: 'household' | 'activity') => {
      const record = records[key]
      if (!record) throw new SetupError(`the ${side} ${key} is not made yet`)
      return record
    }
    const donationInput = () =>
      cashDonationInput(villageId, 10_000, {
        ...(isIn ? { donorOrgId: firm.id, donorName: null } : { donorName: '上滩村爱心人士' }),
        recipientKind: 'HOUSEHOLD',
        householdId: own('household').id,
        activityId: own('activity').id,
      })
    const fresh: SideWorld['fresh'] = {
      household: () =>
        setup(`a ${side} household`, async () => {
          const input = householdInput(villageId)
          const made = await keeper.household.create(input)
          register('household', side, made.id, [input.headName, input.code])
          return {
            id: made.id,
            version: made.version,
            headName: input.headName,
            code: input.code,
            idNumber: input.idNumber,
          }
        }),
      need: () =>
        setup(`a ${side} need`, async () => {
          const made = await keeper.need.create({
            householdId: own('household').id,
            category: 'HOUSING',
            description: '院墙倒塌需要修复',
          })
          register('need', side, made.id)
          return made
        }),
      visit: () =>
        setup(`a ${side} visit`, async () => {
          const made = await visitor.visit.create({
            target: 'HOUSEHOLD',
            householdId: own('household').id,
            activityId: own('activity').id,
            visitedOn: '2025-02-20',
            healthNotes: '户主高血压，需长期服药',
            cashFen: 20_000,
          })
          register('visit', side, made.id)
          return made
        }),
      activity: () =>
        setup(`a ${side} activity`, async () => {
          const made = await organiser.activity.create(activityInput(organiserOrgId, { villageId, participantOrgIds }))
          register('activity', side, made.id)
          return made
        }),
      donation: () =>
        setup(`a ${side} donation`, async () => {
          const made = await organiser.donation.create(donationInput())
          register('donation', side, made.id)
          return made
        }),
      org: () =>
        setup(`a ${side} org`, async () => {
          const made = await world.admin.org.create({
            name: `矩阵组织${nextSerial()}`,
            kind: 'BRANCH',
            parentId: branchId,
          })
          orgSides.set(made.id, side)
          return { id: made.id, version: made.version }
        }),
      account: ({ orgId = branchId, isActive = true, hasWechat = false, hasPost = false } = {}) =>
        setup(`a ${side} account`, async () => {
          const n = nextSerial()
          const user = await prisma.user.create({
            data: {
              displayName: `矩阵党员${n}`,
              phone: freshPhone(n),
              openid: hasWechat ? `o-authz-account-${n}` : null,
              isActive,
              deactivatedAt: isActive ? null : new Date(),
              memberships: { create: { orgId, role: 'MEMBER', title: '党员' } },
              ...(hasPost ? { cadreVillages: { create: { villageId, post: '驻村工作队员' } } } : {}),
            },
            select: {
              id: true,
              version: true,
              memberships: { select: { id: true } },
              cadreVillages: { select: { id: true } },
            },
          })
          const [role] = user.memberships
          if (!role) throw new SetupError('the account was made without its role')
          return { id: user.id, version: user.version, roleId: role.id, postId: user.cadreVillages[0]?.id ?? null }
        }),
      pairing: () =>
        setup(`a ${side} pairing`, async () => {
          const org = await fresh.org()
          return prisma.orgVillagePair.create({ data: { orgId: org.id, villageId }, select: { id: true } })
        }),
      invitation: () =>
        setup(`a ${side} invitation`, async () => {
          const account = await fresh.account()
          const made = await world.admin.invitation.create({ userId: account.id })
          const { phone } = await prisma.user.findUniqueOrThrow({ where: { id: account.id }, select: { phone: true } })
          if (!phone) throw new SetupError('the account was made without its phone')
          return { id: made.id, code: made.code, phone }
        }),
    }
    const household = await fresh.household()
    records.household = household
    const activity = await fresh.activity()
    records.activity = activity
    return {
      villageId,
      branchId,
      organiserOrgId,
      participantOrgIds,
      fresh,
      donationInput,
      household,
      activity,
      need: await fresh.need(),
      visit: await fresh.visit(),
      donation: await fresh.donation(),
      org: await fresh.org(),
      account: await fresh.account(),
    }
  }
  sides = { in: await makeSide('in'), out: await makeSide('out') }

  // The resident is bound to the 前跃村 household; a neighbour in the same village has a need too.
  residentHouseholdId = sides.in.household.id
  await prisma.user.update({ where: { id: users.resident.id }, data: { householdId: residentHouseholdId } })
  const neighbour = await world.cadre.household.create(householdInput(villages.qianyue.id))
  register('household', 'in', neighbour.id, [neighbour.headName, neighbour.code])
  const neighbourNeed = await world.cadre.need.create({
    householdId: neighbour.id,
    category: 'MEDICAL',
    description: '邻居家的诉求',
  })
  register('need', 'in', neighbourNeed.id)
  neighbourNeedId = neighbourNeed.id

  callers = {
    admin: world.admin,
    secretary: world.secretary,
    cadre: world.cadre,
    member: world.member,
    otherCadre: world.otherCadre,
    firmSecretary: await world.as(firmSecretary.id),
    resident: await world.as(users.resident.id),
    unbound: await world.as(unbound.id),
    anonymous: world.anonymous,
  }
  accounts = {
    ...staffAccounts(world, firmSecretary),
    resident: users.resident.id,
    unbound: unbound.id,
    anonymous: null,
  }
  const { qianyue, shangtan } = villages
  Object.assign(roleVillages, {
    admin: [qianyue.id, shangtan.id],
    secretary: [qianyue.id],
    cadre: [qianyue.id],
    member: [qianyue.id],
    otherCadre: [shangtan.id],
    firmSecretary: [],
    resident: [],
    unbound: [],
    anonymous: [],
  } satisfies Record<Role, string[]>)
})

// ─── The table ──────────────────────────────────────────────────────────────────────

type Check = {
  path: string
  role: Role
  side: Side
  caller: Caller
  /** The records of this check's side. */
  at: SideWorld
}

type Entry = {
  type: ProcedureType
  gate: Gate
  /** What each role let through the gate answers. A role missing here is unclassified: it fails. */
  reach: Partial<Record<Role, Reach>>
  /** A valid input for this check (making any record it changes). */
  input: (c: Check) => unknown
  /** Who calls, when not the role's usual account. */
  caller?: (c: Check) => Promise<Caller>
  /** Households the caller legitimately learns from this very call. */
  reveals?: (c: Check) => string[]
  /** Records made by a call that resolved. */
  made?: (c: Check, input: unknown, result: unknown) => void
  /** Leaks this procedure's result can have beyond naming a household. */
  inspect?: (c: Check, result: unknown) => string[]
}

type Listed = { items: { id: string; household?: { id: string } | null }[] }
type OrgPage = { items: { id: string; name: string }[] }
type UserPage = { items: { id: string; displayName: string; roles: { org: { id: string; name: string } }[] }[] }

const idOf = (result: unknown) => (result as { id: string }).id

// The kinds of entry most procedures are.

/** A list filtered to the check's village: everyone may ask; what comes back must be in reach. */
const villageList = (domain: Domain, extra: { includeVoided?: boolean } = {}): Entry => ({
  type: 'query',
  gate: 'staff',
  reach: everyone([OK, OK]),
  input: (c) => ({ villageId: c.at.villageId, limit: 100, ...extra }),
  inspect: (c, result) => listLeaks(c, domain, result as Listed),
})

/** A read of the side's record of `domain`. */
const byIdOf = (domain: Domain, entry: Partial<Entry> = {}): Entry => ({
  type: 'query',
  gate: 'staff',
  reach: BY_VILLAGE,
  input: (c) => ({ id: c.at[domain].id }),
  ...entry,
})

/** A change to a record of `domain` made for this check alone, at its version. */
const changeOf = (
  domain: Domain,
  gate: Gate,
  reach: Entry['reach'],
  change: (c: Check) => Record<string, unknown>,
): Entry => ({
  type: 'mutation',
  gate,
  reach,
  input: async (c) => {
    const record = await c.at.fresh[domain]()
    return { ...change(c), id: record.id, version: record.version }
  },
})

/** A handover of ¥100 to the side's household, made by its village's cadre, for one check. */
const freshHandover = (side: Side) =>
  setup(`a ${side} handover`, () =>
    (side === 'in' ? world.cadre : world.otherCadre).handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: sides[side].household.id,
      handedOverOn: '2025-03-04',
      cashFen: 10_000,
    }),
  )

/** Registers what a create made, on the check's side. */
const registersMade = (domain: Domain) => (c: Check, _input: unknown, result: unknown) => {
  register(domain, c.side, idOf(result))
}

const AUTHZ: Record<string, Entry> = {
  // ── auth ──
  'auth.loginWithPassword': {
    type: 'mutation',
    gate: 'public',
    reach: everyone(OK),
    input: () => ({ phone: DEMO_ACCOUNTS.secretary.phone, password: TEST_PASSWORD }),
  },
  'auth.loginWithWeChat': {
    type: 'mutation',
    gate: 'public',
    // This world has no WeChat credentials: the answer is the same for everyone.
    reach: everyone('PRECONDITION_FAILED'),
    input: () => ({ code: 'authz-matrix-code' }),
  },
  'auth.me': { type: 'query', gate: 'signedIn', reach: everyone(OK), input: () => undefined },
  'auth.logout': { type: 'mutation', gate: 'signedIn', reach: everyone(OK), input: () => undefined },
  'auth.changePassword': {
    type: 'mutation',
    gate: 'signedIn',
    // Accounts made without a password (WeChat users, the firm's here) have none to change.
    reach: { ...everyone(OK), firmSecretary: 'PRECONDITION_FAILED', unbound: 'PRECONDITION_FAILED' },
    // The password changes, so each change is made on a copy of the role's account.
    caller: (c) => cloneOf(c.role),
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'Matrix2026pass' }),
  },
  'auth.agreePrivacy': {
    type: 'mutation',
    gate: 'signedIn',
    reach: everyone(OK),
    input: () => ({ version: PRIVACY_NOTICE_VERSION, channel: 'H5' }),
  },

  // ── orgs and villages ──
  'org.list': { type: 'query', gate: 'staff', reach: everyone(OK), input: () => ({}) },
  'org.roster': { type: 'query', gate: 'staff', reach: everyone(OK), input: () => ({}) },
  'org.byId': {
    type: 'query',
    gate: 'staff',
    // Org names are not personal data: any staff member reads any org.
    reach: everyone(both(OK)),
    input: (c) => ({ id: c.at.branchId }),
  },
  'org.tree': {
    type: 'query',
    gate: 'secretary',
    // The orgs below the side's branch, of the caller's subtree only: none of the other side's.
    reach: { admin: both(OK), secretary: both(OK), firmSecretary: both(OK) },
    input: (c) => ({ parentId: c.at.branchId, includeClosed: true, limit: 100 }),
    inspect: (c, result) =>
      (result as OrgPage).items
        .filter((org) => !holdsOrg(c.role, org.id))
        .map((org) => `lists the org ${org.name}, outside the caller's subtree`),
  },
  'org.create': {
    type: 'mutation',
    gate: 'secretary',
    // Below the side's branch.
    reach: SUBTREE_KEEPERS,
    input: (c) => ({ name: `矩阵组织${nextSerial()}`, kind: 'BRANCH', parentId: c.at.branchId }),
    made: (c, _input, result) => {
      orgSides.set(idOf(result), c.side)
    },
  },
  'org.update': {
    type: 'mutation',
    gate: 'secretary',
    reach: SUBTREE_KEEPERS,
    input: async (c) => {
      const org = await c.at.fresh.org()
      return { id: org.id, version: org.version, name: `矩阵组织${nextSerial()}`, kind: 'BRANCH' }
    },
  },
  'org.move': {
    type: 'mutation',
    gate: 'secretary',
    // An org of the side moved below another of the same side.
    reach: SUBTREE_KEEPERS,
    input: async (c) => {
      const org = await c.at.fresh.org()
      const parent = await c.at.fresh.org()
      return { id: org.id, version: org.version, parentId: parent.id }
    },
  },
  'org.close': {
    type: 'mutation',
    gate: 'secretary',
    reach: SUBTREE_KEEPERS,
    input: async (c) => {
      const org = await c.at.fresh.org()
      return { id: org.id, version: org.version, reason: '机构调整，支部撤销' }
    },
  },
  'village.list': {
    type: 'query',
    gate: 'staff',
    reach: everyone(OK),
    input: () => undefined,
    inspect: (c, result) =>
      (result as { id: string; name: string }[])
        .filter((v) => !roleVillages[c.role].includes(v.id))
        .map((v) => `lists village ${v.name}, outside the caller's scope`),
  },
  'village.people': { type: 'query', gate: 'staff', reach: BY_VILLAGE, input: (c) => ({ villageId: c.at.villageId }) },
  'village.byId': { type: 'query', gate: 'staff', reach: BY_VILLAGE, input: (c) => ({ id: c.at.villageId }) },
  // The directory of every village, and changes to villages and pairings, are administrators' own:
  // nothing to inspect, since nobody else gets an answer.
  'village.directory': { type: 'query', gate: 'admin', reach: { admin: OK }, input: () => ({ limit: 100 }) },
  'village.create': {
    type: 'mutation',
    gate: 'admin',
    reach: { admin: both(OK) },
    input: () => ({
      name: `矩阵村${nextSerial()}`,
      county: '大通县',
      township: '良教乡',
      adminCode: freshVillageCode(),
    }),
  },
  'village.update': {
    type: 'mutation',
    gate: 'admin',
    reach: { admin: both(OK) },
    // The side's village as it is, at its current version.
    input: async (c) => {
      const village = await setup(`the ${c.side} village`, () =>
        world.deps.prisma.village.findUniqueOrThrow({ where: { id: c.at.villageId } }),
      )
      const { id, version, name, county, township, adminCode } = village
      return { id, version, name, county, township, adminCode }
    },
  },
  'village.pair': {
    type: 'mutation',
    gate: 'admin',
    reach: { admin: both(OK) },
    input: async (c) => ({ orgId: (await c.at.fresh.org()).id, villageId: c.at.villageId }),
  },
  'village.endPairing': {
    type: 'mutation',
    gate: 'admin',
    reach: { admin: both(OK) },
    input: async (c) => ({ id: (await c.at.fresh.pairing()).id }),
  },

  // ── households ──
  'household.list': villageList('household'),
  'household.search': { ...villageList('household'), input: (c) => ({ villageId: c.at.villageId, limit: 50 }) },
  'household.roster': {
    type: 'query',
    gate: 'staff',
    reach: BY_VILLAGE,
    input: (c) => ({ villageId: c.at.villageId }),
    inspect: (c, result) =>
      listLeaks(c, 'household', { items: (result as { households: { id: string }[] }).households }),
  },
  'household.byId': byIdOf('household', {
    inspect: (c, result) =>
      (result as { members: { name: string; health: unknown }[] }).members
        .filter((m) => m.health !== null && !keepsRecords(c.role, c.side))
        .map((m) => `shows the health of member ${m.name} to a caller who does not keep the village's records`),
  }),
  'household.create': {
    type: 'mutation',
    gate: 'cadre',
    reach: { admin: [OK, OK], cadre: [OK, FB], otherCadre: [FB, OK] },
    input: (c) => householdInput(c.at.villageId),
    made: (c, input, result) => {
      const { headName, code } = input as { headName: string; code: string }
      register('household', c.side, idOf(result), [headName, code])
    },
  },
  'household.update': {
    type: 'mutation',
    gate: 'cadre',
    reach: RECORD_KEEPERS,
    // The form sends its 户编号 and 户主 again, so these are the fresh household's own.
    input: async (c) => {
      const { id, version, code, headName } = await c.at.fresh.household()
      return { id, version, code, headName, category: 'DIBAO' }
    },
  },
  'household.reveal': {
    type: 'mutation',
    gate: 'cadre',
    reach: RECORD_KEEPERS,
    input: (c) => ({ id: c.at.household.id, field: 'idNumber', reason: '核对身份信息' }),
  },
  'household.dataChecks': {
    type: 'query',
    gate: 'staff',
    // 疑点 of the households in the caller's scope: an out-of-scope village gives none.
    reach: everyone([OK, OK]),
    input: (c) => ({ villageId: c.at.villageId }),
    inspect: (c, result) =>
      listLeaks(c, 'household', {
        items: (result as { items: { householdId: string }[] }).items.map((i) => ({ id: i.householdId })),
      }),
  },

  // ── needs ──
  'need.list': villageList('need'),
  'need.byId': byIdOf('need'),
  'need.create': {
    type: 'mutation',
    gate: 'staff',
    reach: BY_VILLAGE,
    input: (c) => ({ householdId: c.at.household.id, category: 'OTHER', description: '矩阵测试登记的诉求' }),
    made: registersMade('need'),
  },
  'need.update': changeOf('need', 'cadre', RECORD_KEEPERS, () => ({
    category: 'HOUSING',
    description: '院墙需要加固',
  })),
  'need.transition': changeOf('need', 'cadre', RECORD_KEEPERS, () => ({ to: 'HANDLED_DIRECTLY' })),

  // ── activities ──
  'activity.list': villageList('activity'),
  // The firm takes part in 前跃村's party day, so sees it (but not the households visited).
  'activity.byId': byIdOf('activity', { reach: { ...BY_VILLAGE, firmSecretary: [OK, NF] } }),
  // The printable record: whoever sees the activity (the households stay unnamed to the firm).
  'activity.record': byIdOf('activity', { reach: { ...BY_VILLAGE, firmSecretary: [OK, NF] } }),
  'activity.create': {
    type: 'mutation',
    gate: 'secretary',
    // An organiser outside the secretary's subtree is refused as a field error.
    reach: { admin: [OK, OK], secretary: [OK, BR], firmSecretary: [BR, BR] },
    input: (c) =>
      activityInput(c.at.organiserOrgId, { villageId: c.at.villageId, participantOrgIds: c.at.participantOrgIds }),
    made: registersMade('activity'),
  },
  'activity.update': changeOf(
    'activity',
    'secretary',
    { admin: [OK, OK], secretary: [OK, NF], firmSecretary: [NF, NF] },
    (c) => ({
      ...activityInput(c.at.organiserOrgId, { villageId: c.at.villageId, participantOrgIds: c.at.participantOrgIds }),
      theme: '改期后的主题党日',
    }),
  ),

  // ── visits ──
  'visit.list': villageList('visit'),
  'visit.byId': byIdOf('visit', {
    inspect: (c, result) => {
      const { healthNotes } = result as { healthNotes: string | null }
      // Health notes: for the village's record keepers and the visit's author (the secretary, in 前跃村).
      const mayRead = keepsRecords(c.role, c.side) || (c.side === 'in' && c.role === 'secretary')
      return healthNotes !== null && !mayRead ? ['shows a visit’s health notes to a caller who may not read them'] : []
    },
  }),
  'visit.create': {
    type: 'mutation',
    gate: 'staff',
    reach: BY_VILLAGE,
    input: (c) => ({ target: 'HOUSEHOLD', householdId: c.at.household.id, visitedOn: '2025-03-01' }),
    made: registersMade('visit'),
  },
  // Its author or the village's record keepers; a member who may read it may not edit it.
  'visit.update': changeOf('visit', 'staff', { ...BY_VILLAGE, member: [FB, NF] }, () => ({ visitedOn: '2025-03-02' })),

  // ── donations ──
  'donation.list': {
    ...villageList('donation', { includeVoided: true }),
    inspect: (c, result) => {
      const leaks = listLeaks(c, 'donation', result as Listed)
      const { totals } = result as { totals: { totalFen: number; donationCount: number } }
      if (!mayRead(c.role, 'donation.byId', c.side) && (totals.totalFen || totals.donationCount))
        leaks.push(`totals count donations out of scope: ${JSON.stringify(totals)}`)
      return leaks
    },
  },
  // The firm gave 前跃村's donation, so sees it (but not the household it went to).
  'donation.byId': byIdOf('donation', { reach: { ...BY_VILLAGE, firmSecretary: [OK, NF] } }),
  'donation.create': {
    type: 'mutation',
    gate: 'secretary',
    // A village outside the secretary's pairing is refused as a field error.
    reach: { admin: [OK, OK], secretary: [OK, BR], firmSecretary: [BR, BR] },
    input: (c) => c.at.donationInput(),
    made: registersMade('donation'),
  },
  'donation.createBatch': {
    type: 'mutation',
    gate: 'secretary',
    reach: { admin: [OK, OK], secretary: [OK, BR], firmSecretary: [BR, BR] },
    input: (c) => ({ donations: [c.at.donationInput(), c.at.donationInput()] }),
    made: (c, _input, result) => {
      for (const id of (result as { ids: string[] }).ids) register('donation', c.side, id)
    },
  },
  'donation.update': changeOf('donation', 'secretary', DONATION_KEEPERS, () => ({
    receivedOn: '2025-03-03',
    note: '更正收到日期',
  })),
  'donation.void': changeOf('donation', 'secretary', DONATION_KEEPERS, () => ({ reason: '重复登记' })),

  'donation.reconciliation': {
    type: 'query',
    gate: 'staff',
    reach: everyone([OK, OK]),
    input: (c) => ({ villageId: c.at.villageId, limit: 100 }),
    inspect: (c, result) => {
      const { donations } = result as { donations: { items: { id: string }[] } }
      return donations.items
        .filter((d) => {
          const known = registry.donation.find((r) => r.id === d.id)
          return known && !mayRead(c.role, 'donation.byId', known.side)
        })
        .map((d) => `reconciles donation ${d.id}, out of scope`)
    },
  },

  // The same donations as donation.reconciliation (one scope), grouped; none of another village.
  'donation.reconciliationGroups': {
    type: 'query',
    gate: 'staff',
    reach: everyone([OK, OK]),
    input: (c) => ({ villageId: c.at.villageId, by: 'village', limit: 100 }),
    inspect: (c, result) => {
      const { items } = result as { items: { key: string }[] }
      return items.filter((g) => g.key !== c.at.villageId).map((g) => `groups village ${g.key}, not the one asked`)
    },
  },

  // 捐赠去向: only for the donor org's secretaries (the firm gave 前跃村's) and administrators.
  'donation.donorView': {
    type: 'query',
    gate: 'secretary',
    reach: { admin: [OK, OK], secretary: [FB, FB], firmSecretary: [OK, FB] },
    input: (c) => ({ donationId: c.at.donation.id }),
  },

  // ── handovers (发放签收) ──
  'handover.list': {
    type: 'query',
    gate: 'staff',
    reach: everyone([OK, OK]),
    input: (c) => ({ villageId: c.at.villageId, limit: 100, includeVoided: true }),
    inspect: (c, result) =>
      (result as { items: { id: string; villageId: string }[] }).items
        .filter((h) => !roleVillages[c.role].includes(h.villageId))
        .map((h) => `lists handover ${h.id} of a village out of scope`),
  },
  'handover.byId': {
    type: 'query',
    gate: 'staff',
    reach: BY_VILLAGE,
    input: async (c) => ({ id: (await freshHandover(c.side)).id }),
  },
  'handover.create': {
    type: 'mutation',
    gate: 'staff',
    reach: BY_VILLAGE,
    input: (c) => ({
      recipientKind: 'HOUSEHOLD',
      householdId: c.at.household.id,
      handedOverOn: '2025-03-05',
      cashFen: 10_000,
    }),
  },
  // Its giver, the village's record keepers, a secretary who reaches the village; not a member.
  'handover.void': {
    type: 'mutation',
    gate: 'staff',
    reach: { ...BY_VILLAGE, member: [FB, NF] },
    input: async (c) => {
      const handover = await freshHandover(c.side)
      return { id: handover.id, version: handover.version, reason: '登记错了' }
    },
  },
  // As handover.void: its giver, the village's record keepers, a secretary who reaches it.
  'handover.sign': {
    type: 'mutation',
    gate: 'staff',
    reach: { ...BY_VILLAGE, member: [FB, NF] },
    input: async (c) => ({
      id: (await freshHandover(c.side)).id,
      signaturePng: await signatureBase64(),
      signedAt: '2025-03-04T10:00:00+08:00',
    }),
  },
  'handover.mine': {
    type: 'query',
    gate: 'resident',
    reach: { resident: OK },
    input: () => undefined,
    inspect: (_c, result) =>
      (result as { id: string; household: { id: string } | null }[])
        .filter((h) => h.household?.id !== residentHouseholdId)
        .map((h) => `lists handover ${h.id} of another household`),
  },
  'handover.confirm': {
    type: 'mutation',
    gate: 'resident',
    // "in" is a handover to the resident's own household; "out" one in 上滩村.
    reach: { resident: [OK, NF] },
    input: async (c) => ({ id: (await freshHandover(c.side)).id, answer: 'RECEIVED' }),
  },
  'handover.signSheet': {
    type: 'query',
    gate: 'staff',
    reach: everyone([OK, OK]),
    input: (c) => ({ villageId: c.at.villageId }),
    inspect: (c, result) => {
      const { rows, totals } = result as { rows: { handoverId: string }[]; totals: { rowCount: number } }
      if (roleVillages[c.role].includes(c.at.villageId) || (!rows.length && !totals.rowCount)) return []
      return [`lists ${totals.rowCount} handover lines of a village out of scope`]
    },
  },

  // ── photos (docs/photos.md) ──
  'photo.listFor': {
    type: 'query',
    gate: 'staff',
    // Whoever sees the record: here the activity, which the firm takes part in.
    reach: { ...BY_VILLAGE, firmSecretary: [OK, NF] },
    input: (c) => ({ activityId: c.at.activity.id }),
  },
  'photo.remove': {
    type: 'mutation',
    gate: 'staff',
    // Its uploader (the side's organiser) or whoever may edit the activity; others who see it may not.
    reach: {
      admin: [OK, OK],
      secretary: [OK, NF],
      cadre: [FB, NF],
      member: [FB, NF],
      otherCadre: [NF, FB],
      firmSecretary: [FB, NF],
    },
    // A photo row of its own for each check (no file: this world has no photo store).
    input: async (c) => {
      const photo = await setup(`a ${c.side} photo`, () =>
        world.deps.prisma.photo.create({
          data: {
            activityId: c.at.activity.id,
            sha256: randomBytes(32).toString('hex'),
            mime: 'image/jpeg',
            width: 1600,
            height: 1200,
            bytes: 1000,
            storageKey: 'photos/matrix',
            thumbnailKey: 'thumbs/matrix',
            thumbnailBytes: 100,
            uploadedById: (c.side === 'in' ? accounts.secretary : accounts.admin) as string,
          },
        }),
      )
      return { id: photo.id, clientMutationId: randomUUID() }
    },
  },

  // ── stats ──
  'stats.summary': {
    type: 'query',
    gate: 'staff',
    reach: everyone([OK, OK]),
    input: (c) => ({ villageId: c.at.villageId }),
    inspect: (c, result) => summaryLeaks(c, result as Summary),
  },
  'report.dailyNeeds': {
    type: 'query',
    gate: 'staff',
    reach: everyone([OK, OK]),
    input: (c) => ({ date: shanghaiDate(), villageId: c.at.villageId }),
    inspect: (c, result) => {
      const { figures, totals, hotTopics } = result as DailyNeedsReport
      if (mayRead(c.role, 'village.people', c.side)) return []
      const counted = figures.received + totals.open + hotTopics.length
      return counted ? [`counts ${counted} needs of a village out of scope`] : []
    },
  },

  // ── backups (docs/deployment.md) ──
  'backup.status': { type: 'query', gate: 'admin', reach: { admin: OK }, input: () => undefined },
  'backup.run': {
    type: 'mutation',
    gate: 'admin',
    // This world runs no job queue (only the server does): the admin is told so.
    reach: { admin: 'PRECONDITION_FAILED' },
    input: () => undefined,
  },

  // ── scheduled jobs (任务运行): how each stands, for administrators ──
  'job.status': { type: 'query', gate: 'admin', reach: { admin: OK }, input: () => undefined },

  // ── WeChat subscribe messages: any signed-in WeChat user grants; staff on H5 have no WeChat ──
  'notice.templates': { type: 'query', gate: 'signedIn', reach: everyone(OK), input: () => undefined },
  'notice.recordGrants': {
    type: 'mutation',
    gate: 'signedIn',
    reach: { ...everyone('PRECONDITION_FAILED'), resident: OK, unbound: OK },
    input: () => ({ templateIds: [TEST_NEED_STATUS_TEMPLATE] }),
  },

  // ── residents ──
  'resident.bindHousehold': {
    type: 'mutation',
    gate: 'signedIn',
    // Staff accounts record households and do not join one; a bound resident is bound already.
    reach: { ...everyone([FB, FB]), resident: ['CONFLICT', 'CONFLICT'], unbound: [OK, OK] },
    // Binding changes the account, so each binding is tried on a copy of the role's account.
    caller: (c) => cloneOf(c.role),
    input: (c) => ({ headName: c.at.household.headName, idNumber: c.at.household.idNumber }),
    reveals: (c) => [c.at.household.id],
  },
  'resident.submitNeed': {
    type: 'mutation',
    gate: 'resident',
    reach: { resident: OK },
    input: () => ({ category: 'MEDICAL', description: '需要协助办理慢病卡' }),
    made: (_c, _input, result) => register('need', 'in', idOf(result)),
  },
  'resident.myNeeds': {
    type: 'query',
    gate: 'resident',
    reach: { resident: OK },
    input: () => ({}),
    inspect: (_c, result) =>
      (result as Listed).items
        .filter((need) => need.household?.id !== residentHouseholdId)
        .map((need) => `lists need ${need.id} of another household`),
  },
  'resident.myHousehold': {
    type: 'query',
    gate: 'resident',
    reach: { resident: OK },
    input: () => undefined,
  },
  'resident.myNeedById': {
    type: 'query',
    gate: 'resident',
    // "in" is the resident's own household's need; "out" one in 上滩村.
    reach: { resident: [OK, NF] },
    input: (c) => ({ id: c.at.need.id }),
  },

  // ── 待办 (each person's own; the list names only records in the caller's reach) ──
  'todo.list': {
    type: 'query',
    gate: 'signedIn',
    reach: everyone(OK),
    input: () => ({ limit: 100 }),
    inspect: (c, result) => todoLeaks(c, result as TodoList),
  },
  'todo.count': { type: 'query', gate: 'signedIn', reach: everyone(OK), input: () => undefined },
  'todo.markNeedSeen': {
    type: 'mutation',
    gate: 'resident',
    // "in" is the resident's own household's need; "out" one in 上滩村.
    reach: { resident: [OK, NF] },
    input: (c) => ({ needId: c.at.need.id }),
  },

  // ── the audit log (admins only; it names records, never their contents) ──
  'audit.list': { type: 'query', gate: 'admin', reach: { admin: OK }, input: () => ({ limit: 100 }) },
  'audit.verification': { type: 'query', gate: 'admin', reach: { admin: OK }, input: () => undefined },
  'audit.verify': { type: 'mutation', gate: 'admin', reach: { admin: OK }, input: () => undefined },

  // ── people (管理 → 人员): 'in' accounts are 党员 of the bureau's branch, 'out' ones of 上滩村党支部 ──
  'user.list': {
    type: 'query',
    gate: 'secretary',
    // 'in': the list as it opens (everyone the caller sees); 'out': filtered to 上滩村党支部.
    reach: { admin: both(OK), secretary: both(OK), firmSecretary: both(OK) },
    input: (c) => ({ status: 'ALL', limit: 100, ...(c.side === 'out' ? { orgId: c.at.branchId } : {}) }),
    inspect: (c, result) =>
      (result as UserPage).items
        .filter((user) => !user.roles.some((role) => holdsOrg(c.role, role.org.id)))
        .map(
          (user) =>
            `lists the account ${user.displayName} (${user.roles.map((r) => r.org.name).join('、') || 'no role'}), outside the caller's subtree`,
        ),
  },
  'user.byId': {
    type: 'query',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: (c) => ({ id: c.at.account.id }),
  },
  'user.create': {
    type: 'mutation',
    gate: 'secretary',
    // A 党员 of the side's branch: a secretary grants roles in his subtree only.
    reach: SUBTREE_KEEPERS,
    input: (c) => {
      const n = nextSerial()
      return {
        displayName: `矩阵党员${n}`,
        phone: freshPhone(n),
        roles: [{ orgId: c.at.branchId, role: 'MEMBER', title: '党员' }],
      }
    },
  },
  'user.update': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => {
      const account = await c.at.fresh.account()
      const n = nextSerial()
      return { id: account.id, version: account.version, displayName: `更名党员${n}`, phone: freshPhone(n) }
    },
  },
  'user.addRole': {
    type: 'mutation',
    gate: 'secretary',
    // The 党员 role in the side's branch, to a 党员 of an org below it.
    reach: ACCOUNT_KEEPERS,
    input: async (c) => {
      const org = await c.at.fresh.org()
      const account = await c.at.fresh.account({ orgId: org.id })
      return { userId: account.id, orgId: c.at.branchId, role: 'MEMBER', title: '党员' }
    },
  },
  'user.endRole': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => ({ id: (await c.at.fresh.account()).roleId }),
  },
  'user.addPost': {
    type: 'mutation',
    gate: 'secretary',
    // 驻村 posts are the administrators' to assign, even to a 党员 the secretary manages.
    reach: { admin: [OK, OK], secretary: [FB, NF], firmSecretary: [NF, NF] },
    input: async (c) => ({ userId: (await c.at.fresh.account()).id, villageId: c.at.villageId, post: '驻村工作队员' }),
  },
  'user.endPost': {
    type: 'mutation',
    gate: 'secretary',
    // An account with a post is the administrators' to manage, though the secretary sees it.
    reach: { admin: [OK, OK], secretary: [FB, NF], firmSecretary: [NF, NF] },
    input: async (c) => ({ id: (await c.at.fresh.account({ hasPost: true })).postId }),
  },
  'user.deactivate': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => {
      const account = await c.at.fresh.account()
      return { id: account.id, version: account.version }
    },
  },
  'user.reactivate': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => {
      const account = await c.at.fresh.account({ isActive: false })
      return { id: account.id, version: account.version }
    },
  },
  'user.resetPassword': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => ({ id: (await c.at.fresh.account()).id }),
  },
  'user.unlock': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => ({ id: (await c.at.fresh.account()).id }),
  },
  'user.unbindWechat': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => ({ id: (await c.at.fresh.account({ hasWechat: true })).id }),
  },

  // ── invitations (binding a person's WeChat to the account made for them) ──
  'invitation.create': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => ({ userId: (await c.at.fresh.account()).id }),
  },
  'invitation.revoke': {
    type: 'mutation',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: async (c) => ({ id: (await c.at.fresh.invitation()).id }),
  },
  'invitation.list': {
    type: 'query',
    gate: 'secretary',
    reach: ACCOUNT_KEEPERS,
    input: (c) => ({ userId: c.at.account.id }),
  },
  'invitation.accept': {
    type: 'mutation',
    gate: 'signedIn',
    // Only a WeChat user's own account, with nothing else to it, binds its WeChat to the invited
    // account: a staff account has no WeChat here, a resident's is bound to a household.
    reach: { ...everyone(both('PRECONDITION_FAILED')), resident: both('CONFLICT'), unbound: both(OK) },
    // Accepting deactivates the caller's account, so each is tried on a copy of the role's account.
    caller: (c) => cloneOf(c.role),
    input: async (c) => ({ code: (await c.at.fresh.invitation()).code }),
  },
  'invitation.acceptWithPassword': {
    type: 'mutation',
    gate: 'public',
    // In a browser: the code with the invited account's phone, whoever holds them, signed in or not.
    reach: everyone(OK),
    input: async (c) => {
      const { code, phone } = await c.at.fresh.invitation()
      return { code, phone, newPassword: 'Matrix2025pw' }
    },
  },
}

// ─── Reading the table ──────────────────────────────────────────────────────────────

const entryOf = (path: string): Entry => {
  const entry = AUTHZ[path]
  if (!entry) throw new Error(`${path} has no entry in the authz table: classify it in ${import.meta.filename}`)
  return entry
}

const isTwoSided = (entry: Entry) => Object.values(entry.reach).some((reach) => Array.isArray(reach))

/** The table's answer, or undefined when the role is unclassified. */
const expectedOf = (entry: Entry, role: Role, side: Side): Expected | undefined => {
  const gated = (GATES[entry.gate] as Partial<Record<Role, Expected>>)[role]
  if (gated) return gated
  const reach = entry.reach[role]
  if (reach === undefined || typeof reach === 'string') return reach
  return reach[side === 'in' ? 0 : 1]
}

const mayRead = (role: Role, path: string, side: Side) => expectedOf(entryOf(path), role, side) === OK

/** Whether the org is in the caller's subtree: any for an admin, the 'in' ones for the bureau's secretary. */
const holdsOrg = (role: Role, orgId: string) =>
  role === 'admin' ||
  (role === 'secretary' && orgSides.get(orgId) === 'in') ||
  (role === 'firmSecretary' && orgId === firmBranchId)

const keepsRecords = (role: Role, side: Side) =>
  role === 'admin' || (role === 'cadre' && side === 'in') || (role === 'otherCadre' && side === 'out')

/** Records in a list that the caller could not open by id. */
const listLeaks = (c: Check, domain: Domain, result: Listed): string[] => {
  const leaks: string[] = []
  for (const item of result.items) {
    const known = registry[domain].find((r) => r.id === item.id)
    if (!known) leaks.push(`lists a ${domain} ${item.id} that this test did not make (bookkeeping)`)
    else if (!mayRead(c.role, `${domain}.byId`, known.side))
      leaks.push(`lists the ${known.side === 'in' ? '前跃村' : '上滩村'} ${domain} ${item.id}`)
  }
  return leaks
}

type TodoList = { items: { kind: string; target: { page: string; id: string | null } }[] }

/** The record each kind of 待办 page opens, and the procedure that opens it. */
const TODO_PAGES: Record<string, { domain: Domain; path: string }> = {
  needDetail: { domain: 'need', path: 'need.byId' },
  myNeedDetail: { domain: 'need', path: 'resident.myNeedById' },
  householdDetail: { domain: 'household', path: 'household.byId' },
  activityDetail: { domain: 'activity', path: 'activity.byId' },
}

/** A 待办 item the caller could not open, or an administrator's item shown to anyone else. */
const todoLeaks = (c: Check, result: TodoList): string[] => {
  const leaks: string[] = []
  for (const item of result.items) {
    const page = TODO_PAGES[item.target.page]
    if (!page) {
      if (c.role !== 'admin' && ['auditLog', 'admin'].includes(item.target.page))
        leaks.push(`shows the administrators' ${item.kind}`)
      continue
    }
    const known = registry[page.domain].find((r) => r.id === item.target.id)
    if (known && !mayRead(c.role, page.path, known.side))
      leaks.push(`lists the ${known.side === 'in' ? '前跃村' : '上滩村'} ${page.domain} ${item.target.id} in 待办`)
  }
  return leaks
}

type Summary = Awaited<ReturnType<typeof statsSummary>>

/** A summary filtered to a village the caller does not reach must count nothing of it. */
const summaryLeaks = (c: Check, summary: Summary): string[] => {
  const leaks: string[] = []
  const { totals } = summary
  const count = (what: string, n: number) => n && leaks.push(`counts ${n} ${what} of a village out of scope`)
  if (!mayRead(c.role, 'village.people', c.side)) {
    count('visits', totals.visitCount)
    count('households visited', totals.householdsVisited)
    count('fen handed over', totals.handedOverCashFen)
    count('open needs', totals.openNeeds)
    count(
      'needs',
      Object.values(totals.needsByStatus).reduce((a, b) => a + b, 0),
    )
    count('households named', summary.byHousehold.length)
    count('villages by visits', summary.byVillageVisits.length)
    count(
      'needs by category',
      Object.values(totals.needsByCategory).reduce((a, b) => a + b, 0),
    )
  }
  // The firm sees what it gave to 前跃村 itself; nobody else counts money out of reach.
  if (!mayRead(c.role, 'donation.byId', c.side)) {
    count('fen of donations', totals.totalFen)
    count('donations', totals.donationCount)
    count('donors', totals.donorCount)
    count('villages in the breakdown', summary.byVillage.length)
    count('months of donations', summary.byMonth.length)
  }
  if (!mayRead(c.role, 'activity.byId', c.side)) count('activities', totals.activitiesHeld)
  for (const { activityId } of summary.byActivity) {
    const known = registry.activity.find((a) => a.id === activityId)
    if (known && !mayRead(c.role, 'activity.byId', known.side)) leaks.push(`names activity ${activityId}, out of scope`)
  }
  return leaks
}

/** Every string in a result. */
const stringsIn = (value: unknown, into = new Set<string>(), depth = 0): Set<string> => {
  if (depth > 30 || value === null || value === undefined || value instanceof Date) return into
  if (typeof value === 'string') into.add(value)
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into, depth + 1)
  else if (typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, into, depth + 1)
  return into
}

/** Households named (by id, 户主 or 户编号) in a result, that the caller may not see. */
const householdLeaks = (c: Check, result: unknown, revealed: string[]): string[] => {
  const strings = stringsIn(result)
  const leaks: string[] = []
  for (const household of registry.household) {
    const mayKnow =
      mayRead(c.role, 'household.byId', household.side) ||
      (c.role === 'resident' && household.id === residentHouseholdId) ||
      revealed.includes(household.id)
    if (mayKnow) continue
    const named = [household.id, ...household.labels].filter((value) => strings.has(value))
    if (named.length)
      leaks.push(`names a ${household.side === 'in' ? '前跃村' : '上滩村'} household (${named.join(', ')})`)
  }
  return leaks
}

// ─── Running a check ────────────────────────────────────────────────────────────────

type Finding = { kind: 'leak' | 'mismatch'; text: string }
const figures = { checks: 0, leaks: 0, mismatches: 0 }

const runCheck = async (path: string, entry: Entry, role: Role, side: Side, twoSided: boolean): Promise<Finding[]> => {
  const label = `${path} as ${role}${twoSided ? ` on the ${side === 'in' ? '前跃村' : '上滩村'} record` : ''}`
  const expected = expectedOf(entry, role, side)
  figures.checks++
  if (!expected) {
    figures.mismatches++
    return [{ kind: 'mismatch', text: `${label}: unclassified (no entry for ${role} in the table's reach)` }]
  }
  const c: Check = { path, role, side, caller: callers[role], at: sides[side] }
  let input: unknown
  try {
    c.caller = entry.caller ? await entry.caller(c) : c.caller
    input = await entry.input(c)
  } catch (error) {
    figures.mismatches++
    return [{ kind: 'mismatch', text: `${label}: the test could not set up: ${describeError(error)}` }]
  }
  const outcome = await outcomeOf(() => callProcedure(c.caller, path, input), { path, type: entry.type, input })
  const findings: Finding[] = []
  if (outcome.kind === 'crash') {
    findings.push({ kind: 'mismatch', text: `${label}: threw a non-tRPC error: ${describeError(outcome.error)}` })
  } else if (outcome.kind === 'refused') {
    if (outcome.code === 'INTERNAL_SERVER_ERROR')
      findings.push({
        kind: 'mismatch',
        text: `${label}: INTERNAL_SERVER_ERROR: ${describeError(outcome.error.cause)}`,
      })
    else if (expected === OK)
      findings.push({
        kind: 'mismatch',
        text: `${label}: must resolve, but was refused ${outcome.code} (${outcome.message})`,
      })
    else if (outcome.code !== expected)
      findings.push({
        kind: 'mismatch',
        text: `${label}: must be refused ${expected}, but was refused ${outcome.code}`,
      })
  } else if (expected !== OK) {
    findings.push({ kind: 'leak', text: `${label}: must be refused ${expected}, but resolved` })
  } else {
    entry.made?.(c, input, outcome.value)
    const leaks = [
      ...householdLeaks(c, outcome.value, entry.reveals?.(c) ?? []),
      ...(entry.inspect?.(c, outcome.value) ?? []),
    ]
    findings.push(...leaks.map((text) => ({ kind: 'leak' as const, text: `${label}: ${text}` })))
  }
  if (findings.some((f) => f.kind === 'leak')) figures.leaks++
  else if (findings.length) figures.mismatches++
  return findings
}

// ─── The tests ──────────────────────────────────────────────────────────────────────

const catalog = procedureCatalog()

describe('Authz matrix', () => {
  afterAll(() => {
    reportFigures('authz-matrix', { procedures: catalog.length, roles: ROLES.length, ...figures })
  })

  it('classifies every procedure of the router, and only those', () => {
    const paths = catalog.map((p) => p.path)
    expect(
      paths.filter((path) => !AUTHZ[path]),
      'procedures with no entry in the table',
    ).toEqual([])
    expect(
      Object.keys(AUTHZ).filter((path) => !paths.includes(path)),
      'table entries for no procedure',
    ).toEqual([])
    for (const { path, type } of catalog) expect(AUTHZ[path]?.type, `${path} is a ${type}`).toBe(type)
  })

  for (const { path } of catalog) {
    it(path, async () => {
      const entry = entryOf(path)
      const twoSided = isTwoSided(entry)
      const findings: Finding[] = []
      for (const role of ROLES) {
        for (const side of twoSided ? SIDES : (['in'] as const)) {
          findings.push(...(await runCheck(path, entry, role, side, twoSided)))
        }
      }
      expect(findings.map((f) => `${f.kind.toUpperCase()} ${f.text}`)).toEqual([])
    })
  }

  it('keeps a resident to their own household’s needs, not a neighbour’s in the same village', async () => {
    figures.checks++
    const outcome = await outcomeOf(() => callers.resident.resident.myNeedById({ id: neighbourNeedId }), {
      path: 'resident.myNeedById',
      type: 'query',
      input: { id: neighbourNeedId },
    })
    if (outcome.kind === 'ok') figures.leaks++
    else if (outcome.kind !== 'refused' || outcome.code !== NF) figures.mismatches++
    expect(outcome.kind === 'refused' ? outcome.code : outcome.kind).toBe(NF)
  })
})
