// Lockouts under parallel attempts: guesses sent together are counted as strictly as guesses sent
// one by one, and a burst of logins does not exhaust a small pool.
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld({ poolSize: 2, security: { maxFailuresPerSubject: 3 } })
})

const codesOf = (settled: PromiseSettledResult<unknown>[]) =>
  settled.map((s) => (s.status === 'fulfilled' ? 'OK' : (s.reason as { cause?: { code?: string } }).cause?.code))

const count = (codes: (string | undefined)[], code: string) => codes.filter((c) => c === code).length

describe('parallel guesses', () => {
  it('lets through no more wrong passwords than the limit, however many arrive at once', async () => {
    const phone = DEMO_ACCOUNTS.member.phone
    const settled = await Promise.allSettled(
      Array.from({ length: 12 }, () => world.anonymous.auth.loginWithPassword({ phone, password: 'wrong-password' })),
    )
    const codes = codesOf(settled)
    expect(count(codes, 'INVALID_CREDENTIALS')).toBe(3)
    expect(count(codes, 'LOCKED_OUT')).toBe(9)
    expect(await world.deps.prisma.authAttempt.count({ where: { subject: phone } })).toBe(3)
  })

  it('counts wrong current passwords sent together when changing a password', async () => {
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        world.cadre.auth.changePassword({ currentPassword: 'wrong-password', newPassword: 'Another9pass' }),
      ),
    )
    const codes = codesOf(settled)
    expect(count(codes, 'WRONG_PASSWORD')).toBe(3)
    expect(count(codes, 'LOCKED_OUT')).toBe(5)
  })
})

describe('what is counted', () => {
  it('counts nothing for input that validation refuses, however long', async () => {
    const before = await world.deps.prisma.authAttempt.count()
    const phone = 'x'.repeat(100_000)
    const refused = world.anonymous.auth.loginWithPassword({ phone, password: 'wrong-password' })
    await expect(refused).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(await world.deps.prisma.authAttempt.count()).toBe(before)
  })
})

describe('a burst of logins on a small pool', () => {
  it('signs everyone in: no login holds one connection while it waits for another', async () => {
    // (In-flight attempts count against the limit, 3 here: at most 3 at once per account.)
    const { secretary, admin, resident, otherCadre } = DEMO_ACCOUNTS
    const phones = [secretary.phone, admin.phone, resident.phone, otherCadre.phone]
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        world.anonymous.auth.loginWithPassword({ phone: phones[i % 4] as string, password: TEST_PASSWORD }),
      ),
    )
    expect(codesOf(settled)).toEqual(Array.from({ length: 10 }, () => 'OK'))
    const succeeded = await world.deps.prisma.authAttempt.count({ where: { subject: { in: phones }, succeeded: true } })
    expect(succeeded).toBe(10)
  })
})
