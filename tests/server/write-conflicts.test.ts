// PostgreSQL breaks a deadlock by aborting one of the transactions in it (SQLSTATE 40P01). That
// transaction did nothing wrong and wrote nothing, so the server runs it again instead of
// answering the user with an error: two people saving at the same moment both get their write.
// The deadlocks here are real: two transactions take two advisory locks in opposite orders.
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createContextInner } from '../../server/context'
import { loadActor } from '../../server/services/auth/actor'
import { runIdempotent } from '../../server/services/idempotency'
import { authedProcedure, createCallerFactory, router } from '../../server/trpc'
import { failureOf } from '../helpers/errors'
import { newClientMutationId } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld({ poolSize: 6 })
})

/** Resolves once `parties` callers have arrived. */
const barrier = (parties: number) => {
  let arrived = 0
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return () => {
    arrived += 1
    if (arrived === parties) open()
    return opened
  }
}

/**
 * A mutation that locks `first`, waits (on its first attempt only) until its partner holds the
 * other lock, then locks `second`: two of them in opposite orders deadlock.
 */
const lockingRouter = (meet: () => Promise<void>, attempts: Map<string, number>) =>
  router({
    lockPair: authedProcedure
      .input(z.object({ first: z.number(), second: z.number(), clientMutationId: z.string() }))
      .mutation(async ({ ctx, input }) => {
        const attempt = (attempts.get(input.clientMutationId) ?? 0) + 1
        attempts.set(input.clientMutationId, attempt)
        await ctx.db.$executeRaw`SELECT pg_advisory_xact_lock(${input.first}::bigint)`
        if (attempt === 1) await meet()
        await ctx.db.$executeRaw`SELECT pg_advisory_xact_lock(${input.second}::bigint)`
        return { attempt }
      }),
    alwaysDeadlocked: authedProcedure.input(z.object({ clientMutationId: z.string() })).mutation(async ({ ctx }) => {
      attempts.set('always', (attempts.get('always') ?? 0) + 1)
      // A real error from PostgreSQL with the deadlock's SQLSTATE, every time.
      await ctx.db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$`)
      return { never: true }
    }),
  })

const callerWith = async (meet: () => Promise<void>, attempts: Map<string, number>) => {
  const actor = await loadActor(world.deps.prisma, world.ref.users.secretary.id)
  return createCallerFactory(lockingRouter(meet, attempts))(createContextInner(world.deps, { actor }))
}

const keysStored = (ids: string[]) =>
  world.deps.prisma.idempotencyKey.count({ where: { clientMutationId: { in: ids } } })

describe('write conflicts', () => {
  it('a mutation aborted to break a deadlock runs again, and both callers’ writes land once', async () => {
    const attempts = new Map<string, number>()
    const caller = await callerWith(barrier(2), attempts)
    const [a, b] = [newClientMutationId(), newClientMutationId()]
    const results = await Promise.all([
      caller.lockPair({ first: 7001, second: 7002, clientMutationId: a }),
      caller.lockPair({ first: 7002, second: 7001, clientMutationId: b }),
    ])
    // One of the two was PostgreSQL's victim and ran a second time.
    expect(results.map((r) => r.attempt).sort()).toEqual([1, 2])
    expect([...attempts.values()].sort()).toEqual([1, 2])
    expect(await keysStored([a, b])).toBe(2)
  })

  it('a transaction that fails with the deadlock thrown out of it also runs again', async () => {
    const meet = barrier(2)
    const runs: string[] = []
    const lockPair = (name: string, first: number, second: number) =>
      runIdempotent({
        prisma: world.deps.prisma,
        crypto: world.deps.crypto,
        userId: world.ref.users.secretary.id,
        procedure: 'test.lockPair',
        rawInput: { clientMutationId: newClientMutationId() },
        run: async (tx) => {
          runs.push(name)
          const isFirstAttempt = runs.filter((r) => r === name).length === 1
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${first}::bigint)`
          if (isFirstAttempt) await meet()
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${second}::bigint)`
          return { ok: true as const, data: name }
        },
      })
    const results = await Promise.all([lockPair('a', 7011, 7012), lockPair('b', 7012, 7011)])
    expect(results).toEqual([
      { ok: true, data: 'a' },
      { ok: true, data: 'b' },
    ])
    expect(runs).toHaveLength(3)
  })

  it('gives up after three attempts with a retryable error in Chinese, and keeps no key', async () => {
    const attempts = new Map<string, number>()
    const caller = await callerWith(async () => {}, attempts)
    const clientMutationId = newClientMutationId()
    const failure = await failureOf(caller.alwaysDeadlocked({ clientMutationId }))
    expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', appCode: 'DATABASE_BUSY' })
    expect(failure.message).toMatch(/繁忙/)
    expect(attempts.get('always')).toBe(3)
    expect(await keysStored([clientMutationId])).toBe(0)
  })
})
