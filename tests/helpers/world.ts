// A test world: a fresh database with the story's orgs, villages and one account per role, and
// an API caller for each. Tests build the rest through the API, as users would.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll } from 'vitest'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import { seedReferenceDataAtomically } from '../../prisma/seed/reference-data'
import { type Caller, callerFor } from '../../server/caller'
import type { AppDeps } from '../../server/context'
import { createPrismaClient } from '../../server/db/client'
import { createFieldCrypto } from '../../server/lib/field-crypto'
import { createWindowCounter } from '../../server/lib/window-counter'
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../../server/security-policy'
import { loadActor } from '../../server/services/auth/actor'
import type { WeChatConfig } from '../../server/services/auth/wechat-client'
import type { NoticeTemplates } from '../../server/services/notices/templates'
import { folderStorage } from '../../server/services/photos/storage'
import type { ServiceContext } from '../../server/services/service-context'
import { createTestDatabase } from './test-database'

export const TEST_PASSWORD = 'test-password-2025'

type WorldOptions = {
  wechat?: WeChatConfig | null
  /** The subscribe-message templates (none by default: no event queues a message). */
  notices?: NoticeTemplates
  security?: Partial<SecurityPolicy>
  /** The field-encryption master key; random by default. */
  fieldKey?: Buffer
  /** Connections in the pool (5 by default; the concurrency suites use more). */
  poolSize?: number
  /** How long a query may wait for a connection (10 s, as in production, by default). */
  connectionWaitMs?: number
}

export const createTestDeps = async (options: WorldOptions = {}): Promise<AppDeps & { url: string }> => {
  const { url } = await createTestDatabase()
  const prisma = createPrismaClient({
    url,
    poolSize: options.poolSize ?? 5,
    ...(options.connectionWaitMs ? { connectionWaitMs: options.connectionWaitMs } : {}),
  })
  afterAll(() => prisma.$disconnect())
  // No per-user call limit unless a test sets one (security.test.ts): suites that make thousands
  // of calls as one user would otherwise depend on their own speed.
  const security = { ...DEFAULT_SECURITY_POLICY, requestsPerMinute: Number.MAX_SAFE_INTEGER, ...options.security }
  // A photo store of its own (photos and handover signatures), removed with the database.
  const photoDir = await mkdtemp(path.join(tmpdir(), 'pdrl-world-photos-'))
  afterAll(() => rm(photoDir, { recursive: true, force: true }))
  return {
    url,
    prisma,
    crypto: createFieldCrypto(options.fieldKey ?? randomBytes(32)),
    wechat: options.wechat ?? null,
    ...(options.notices ? { notices: options.notices } : {}),
    sessionTtlMs: 3_600_000,
    security,
    callsPerUser: createWindowCounter({ max: security.requestsPerMinute, windowMs: 60_000 }),
    databaseKind: 'external',
    log: pino({ level: 'silent' }),
    photos: { storage: folderStorage(photoDir), maxBytes: 10 * 1024 * 1024 },
  }
}

export const createWorld = async (options: WorldOptions = {}) => {
  const deps = await createTestDeps(options)
  const ref = await seedReferenceDataAtomically(deps.prisma, { password: TEST_PASSWORD })
  /**
   * A caller signed in as the user. They have agreed to the privacy notice, as everyone has who
   * gets past the app's first screen, unless `agreed: false`.
   */
  const as = async (userId: string | null, { agreed = true } = {}): Promise<Caller> => {
    if (userId && agreed) {
      await deps.prisma.privacyConsent.upsert({
        where: { userId_version: { userId, version: PRIVACY_NOTICE_VERSION } },
        create: { userId, version: PRIVACY_NOTICE_VERSION, channel: 'H5' },
        update: {},
      })
    }
    return callerFor(deps, userId)
  }
  /** What a service receives when the user calls it, for tests that call services directly. */
  const serviceContextAs = async (userId: string, requestId: string = randomUUID()): Promise<ServiceContext> => ({
    db: deps.prisma,
    crypto: deps.crypto,
    log: deps.log,
    requestId,
    actor: await loadActor(deps.prisma, userId),
  })
  return {
    deps,
    ref,
    as,
    serviceContextAs,
    admin: await as(ref.users.admin.id),
    secretary: await as(ref.users.secretary.id),
    cadre: await as(ref.users.cadre.id),
    member: await as(ref.users.member.id),
    resident: await as(ref.users.resident.id),
    otherCadre: await as(ref.users.otherCadre.id),
    anonymous: await as(null),
  }
}

export type World = Awaited<ReturnType<typeof createWorld>>

/**
 * A secretary of a law firm's branch (律所支部书记): the firm took part in the story's party day,
 * but is not paired with 前跃村.
 */
export const addFirmSecretary = async (world: World) => {
  const firm = world.ref.orgs.firmBranches[0]
  if (!firm) throw new Error('the story has seven firms')
  const user = await world.deps.prisma.user.create({
    data: {
      displayName: '律所支部书记',
      memberships: { create: { orgId: firm.id, role: 'SECRETARY', title: '支部书记' } },
    },
  })
  return { firm, user }
}

/** The account of each staff role the scope suites sign in as: the reference users, and the firm's secretary. */
export const staffAccounts = (world: World, firmSecretary: { id: string }) => {
  const { users } = world.ref
  return {
    admin: users.admin.id,
    secretary: users.secretary.id,
    cadre: users.cadre.id,
    member: users.member.id,
    otherCadre: users.otherCadre.id,
    firmSecretary: firmSecretary.id,
  }
}
