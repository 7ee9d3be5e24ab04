import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { apiClient, appCodeOf, clientErrorOf, serve, signIn } from '../helpers/http-world'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

let world: World
let baseUrl: string

beforeAll(async () => {
  world = await createWorld({ security: { loginRequestsPerMinute: 1000 } })
  baseUrl = (await serve(world)).baseUrl
})

const client = (token?: string) => apiClient(baseUrl, token)

const login = (phone: string, password?: string) => signIn(baseUrl, phone, password)

describe('sessions', () => {
  it('stores only the token’s hash, and an expired token is refused as expired', async () => {
    const { token } = await login(DEMO_ACCOUNTS.member.phone)
    const rows = JSON.stringify(await world.deps.prisma.session.findMany())
    expect(rows).not.toContain(token)
    await world.deps.prisma.session.updateMany({
      where: { userId: world.ref.users.member.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expect(await appCodeOf(client(token).auth.me.query())).toBe('SESSION_EXPIRED')
  })

  it('a password change ends every other session, keeps this one, and the old password stops working', async () => {
    const phone = DEMO_ACCOUNTS.cadre.phone
    const phoneInPocket = await login(phone)
    const desk = await login(phone)
    const result = await client(desk.token).auth.changePassword.mutate({
      currentPassword: TEST_PASSWORD,
      newPassword: 'NewPassw0rd-2025',
    })
    expect(result.otherSessionsEnded).toBeGreaterThanOrEqual(1)
    expect(await appCodeOf(client(phoneInPocket.token).auth.me.query())).toBe('SESSION_EXPIRED')
    expect((await client(desk.token).auth.me.query()).displayName).toBe(DEMO_ACCOUNTS.cadre.displayName)
    expect(await appCodeOf(login(phone))).toBe('INVALID_CREDENTIALS')
    expect((await login(phone, 'NewPassw0rd-2025')).token).toBeTruthy()
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.changePassword' } })
    expect(JSON.stringify([audit.before, audit.after])).not.toMatch(/NewPassw0rd|argon/)
  })

  it('refuses a wrong current password on the field, and a weak new one', async () => {
    const { token } = await login(DEMO_ACCOUNTS.secretary.phone)
    const wrong = await clientErrorOf(
      client(token).auth.changePassword.mutate({ currentPassword: 'not-it-123', newPassword: 'Another1pass' }),
    )
    expect(wrong.data?.zodError?.fieldErrors).toEqual({ currentPassword: ['当前密码不正确，请重新输入'] })
    const weak = await clientErrorOf(
      client(token).auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' }),
    )
    expect(weak.data?.zodError?.fieldErrors.newPassword).toEqual(['新密码需同时包含字母和数字'])
  })

  it('logout ends the session', async () => {
    const { token } = await login(DEMO_ACCOUNTS.admin.phone)
    await client(token).auth.logout.mutate()
    expect(await appCodeOf(client(token).auth.me.query())).toBe('SESSION_EXPIRED')
  })
})
