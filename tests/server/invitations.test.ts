// Invitations (invitation.*): an administrator or 支部书记 makes a one-time code for an account he
// manages; the person signs in to the mini-program with WeChat (through the local stand-in for
// WeChat's jscode2session), accepts the code, and carries on as the staff account; from then on a
// WeChat login opens the staff account directly. Refusals with their status, code and Chinese
// message, each leaving everything as it was; and the page the QR code's link opens in a browser.
import { createHash } from 'node:crypto'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVITATION_ALPHABET } from '../../common/contracts/invitation/invitation-code'
import type { TCreateUserRequest } from '../../common/contracts/user/create-user'
import { DEMO_RESIDENT_OPENID } from '../../prisma/seed/reference-data'
import { type Caller, callerFor } from '../../server/caller'
import { parseEnv, publicBaseUrlOf } from '../../server/env'
import { findLiveSession } from '../../server/services/auth/sessions'
import { CHINESE, failureOf } from '../helpers/errors'
import { serveWorld } from '../helpers/http-world'
import { STAND_IN_APPID, STAND_IN_SECRET, startWeChatStandIn, type WeChatStandIn } from '../helpers/wechat-stand-in'
import { createWorld, type World } from '../helpers/world'

const PUBLIC_BASE_URL = 'https://ledger.example.gov.cn'

let standIn: WeChatStandIn
let world: World
/** The administrator, on a server whose public address is set. */
let admin: Caller
let baseUrl: string

beforeAll(async () => {
  standIn = await startWeChatStandIn()
  world = await createWorld({
    wechat: { appId: STAND_IN_APPID, secret: STAND_IN_SECRET, apiBase: standIn.apiBase },
    security: { maxFailuresPerSubject: 3 },
  })
  admin = await callerFor({ ...world.deps, publicBaseUrl: PUBLIC_BASE_URL }, world.ref.users.admin.id)
  baseUrl = (await serveWorld(world, [])).baseUrl
})
afterAll(() => standIn.close())

let serial = 0
const cadreInput = (): TCreateUserRequest => {
  serial += 1
  return {
    displayName: `邀请测试${serial}`,
    phone: `1370000${String(serial).padStart(4, '0')}`,
    roles: [{ orgId: world.ref.orgs.bureauBranch.id, role: 'CADRE', title: '驻村工作队员' }],
    posts: [{ villageId: world.ref.villages.qianyue.id, post: '驻村工作队员' }],
  }
}

/** A person who opened the mini-program and signed in with WeChat: an account of their own, no roles. */
const wechatNewcomer = async (openid: string) => {
  const login = await world.anonymous.auth.loginWithWeChat({ code: `ok:${openid}:u-${openid}` })
  return { ...login, caller: await world.as(login.user.id) }
}

const state = async () => {
  const { prisma } = world.deps
  return {
    users: await prisma.user.findMany({
      select: { id: true, openid: true, unionid: true, isActive: true, passwordHash: true, version: true },
      orderBy: { id: 'asc' },
    }),
    invitations: await prisma.invitation.findMany({ orderBy: { id: 'asc' } }),
    liveSessions: await prisma.session.count({ where: { revokedAt: null } }),
    audit: await prisma.auditLog.count(),
  }
}

const expectRefused = async (call: () => Promise<unknown>, status: number, appCode: string) => {
  const before = await state()
  const failure = await failureOf(call())
  const isValidation = Array.isArray((failure.cause as { issues?: unknown } | null)?.issues)
  expect({
    status: failure.httpStatus,
    appCode: failure.appCode ?? (isValidation ? 'VALIDATION_FAILED' : failure.code),
  }).toEqual({ status, appCode })
  expect(failure.message).toMatch(CHINESE)
  expect(await state()).toEqual(before)
  return failure
}

describe('invitation.create', () => {
  it('answers a code once, as text, link and QR code, and keeps only its SHA-256', async () => {
    const { user } = await world.admin.user.create(cadreInput())
    const invitation = await admin.invitation.create({ userId: user.id })
    expect(invitation.code).toHaveLength(8)
    expect([...invitation.code].every((c) => INVITATION_ALPHABET.includes(c))).toBe(true)
    expect(invitation.formattedCode).toBe(`${invitation.code.slice(0, 4)}-${invitation.code.slice(4)}`)
    expect(invitation.link).toBe(`${PUBLIC_BASE_URL}/invite?code=${invitation.code}`)
    const days = (invitation.expiresAt.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)
    // The QR code is the link's, drawn by the qrcode package as a PNG.
    expect(invitation.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(invitation.qrCodeDataUrl).toBe(
      await QRCode.toDataURL(invitation.link, { errorCorrectionLevel: 'M', margin: 2, width: 320 }),
    )
    const stored = await world.deps.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })
    expect(stored.codeHash).toBe(createHash('sha256').update(invitation.code).digest('hex'))
    expect(JSON.stringify(stored)).not.toContain(invitation.code)
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'invitation.create', entityId: invitation.id },
    })
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(invitation.code)
    // PUBLIC_BASE_URL is an http(s) origin; without it, the link names the server's own address.
    expect(publicBaseUrlOf(parseEnv({ PUBLIC_BASE_URL: 'https://ledger.example.gov.cn/' } as NodeJS.ProcessEnv))).toBe(
      PUBLIC_BASE_URL,
    )
    expect(publicBaseUrlOf(parseEnv({ HOST: '10.0.0.5', PORT: '8080' } as NodeJS.ProcessEnv))).toBe(
      'http://10.0.0.5:8080',
    )
    expect(() => parseEnv({ PUBLIC_BASE_URL: 'ftp://ledger.example.gov.cn' } as NodeJS.ProcessEnv)).toThrow(
      /PUBLIC_BASE_URL/,
    )
    const local = await world.admin.invitation.create({ userId: user.id })
    expect(local.link).toBe(`http://127.0.0.1:3000/invite?code=${local.code}`)
  })

  it('keeps one open invitation per account: a new one revokes the one before', async () => {
    const { user } = await world.admin.user.create(cadreInput())
    const first = await world.admin.invitation.create({ userId: user.id })
    const second = await world.admin.invitation.create({ userId: user.id })
    const list = await world.admin.invitation.list({ userId: user.id })
    expect(list.map((i) => [i.id, i.state])).toEqual([
      [second.id, 'PENDING'],
      [first.id, 'REVOKED'],
    ])
    expect(list[0]?.createdBy).toEqual({ id: world.ref.users.admin.id, displayName: '系统管理员' })
    expect(await world.admin.user.byId({ id: user.id })).toMatchObject({
      invitations: [
        expect.objectContaining({ id: second.id, state: 'PENDING' }),
        expect.objectContaining({ state: 'REVOKED' }),
      ],
    })
  })

  it('is for accounts the caller manages, active and without a WeChat', async () => {
    const { users } = world.ref
    await expectRefused(() => world.secretary.invitation.create({ userId: users.cadre.id }), 403, 'ACCOUNT_NOT_MANAGED')
    await expectRefused(() => world.secretary.invitation.create({ userId: users.otherCadre.id }), 404, 'NOT_FOUND')
    await expectRefused(() => world.admin.invitation.create({ userId: users.resident.id }), 409, 'ACCOUNT_HAS_WECHAT')
    const { user } = await world.admin.user.create(cadreInput())
    const off = await world.admin.user.deactivate({ id: user.id, version: user.version })
    expect(off.isActive).toBe(false)
    await expectRefused(() => world.admin.invitation.create({ userId: user.id }), 409, 'ACCOUNT_INACTIVE')
    for (const caller of [world.cadre, world.member, world.resident])
      expect((await failureOf(caller.invitation.create({ userId: users.member.id }))).appCode).toBe('FORBIDDEN')
    // A 支部书记 invites the members he manages.
    const mine = await world.secretary.invitation.create({ userId: users.member.id })
    expect(mine.formattedCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  })
})

describe('invitation.revoke and invitation.list', () => {
  it('revokes an open invitation once; the list shows each state', async () => {
    const { user } = await world.admin.user.create(cadreInput())
    const invitation = await world.admin.invitation.create({ userId: user.id })
    expect(await world.admin.invitation.revoke({ id: invitation.id })).toMatchObject({
      id: invitation.id,
      state: 'REVOKED',
      revokedAt: expect.any(Date),
    })
    await expectRefused(() => world.admin.invitation.revoke({ id: invitation.id }), 409, 'INVITATION_REVOKED')
    const stale = await world.admin.invitation.create({ userId: user.id })
    await world.deps.prisma.invitation.update({
      where: { id: stale.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    await expectRefused(() => world.admin.invitation.revoke({ id: stale.id }), 409, 'INVITATION_EXPIRED')
    expect((await world.admin.invitation.list({ userId: user.id })).map((i) => i.state)).toEqual(['EXPIRED', 'REVOKED'])
    await expectRefused(
      () => world.admin.invitation.revoke({ id: '019a0000-0000-7000-8000-000000000000' }),
      404,
      'NOT_FOUND',
    )
    await expectRefused(
      () => world.secretary.invitation.list({ userId: world.ref.users.cadre.id }),
      403,
      'ACCOUNT_NOT_MANAGED',
    )
  })
})

describe('invitation.accept', () => {
  it('binds the WeChat to the staff account, ends the WeChat-made account, and signs in with the staff roles', async () => {
    const { user: staff } = await world.admin.user.create(cadreInput())
    const invitation = await world.admin.invitation.create({ userId: staff.id })
    const newcomer = await wechatNewcomer('o-new-cadre')
    expect(newcomer.user.roles).toEqual([])

    // Typed as people type it: lower case, the dash, a space.
    const typed = ` ${invitation.formattedCode.toLowerCase()} `
    const accepted = await newcomer.caller.invitation.accept({ code: typed })
    expect(accepted.user).toMatchObject({ id: staff.id, displayName: staff.displayName, roles: ['CADRE'] })
    expect(accepted.user.villages.map((v) => v.name)).toEqual(['前跃村'])
    // The one-time password nobody changed no longer opens the account; the WeChat session works.
    expect(accepted.user).toMatchObject({ mustChangePassword: false, hasPassword: false })
    expect((await findLiveSession(world.deps.prisma, accepted.token))?.userId).toBe(staff.id)
    expect(await findLiveSession(world.deps.prisma, newcomer.token)).toBeNull()

    const { prisma } = world.deps
    expect(await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({
      openid: 'o-new-cadre',
      unionid: 'u-o-new-cadre',
    })
    expect(await prisma.user.findUniqueOrThrow({ where: { id: newcomer.user.id } })).toMatchObject({
      openid: null,
      isActive: false,
    })
    expect((await world.admin.invitation.list({ userId: staff.id }))[0]).toMatchObject({
      state: 'ACCEPTED',
      acceptedAt: expect.any(Date),
    })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'invitation.accept' } })
    expect(audit).toMatchObject({ actorId: newcomer.user.id, entityId: invitation.id })

    // The staff account carries on, and the next WeChat login opens it straight away.
    const asStaff = await world.as(staff.id)
    expect((await asStaff.village.list()).map((v) => v.name)).toEqual(['前跃村'])
    const again = await world.anonymous.auth.loginWithWeChat({ code: 'ok:o-new-cadre' })
    expect(again.user).toMatchObject({ id: staff.id, roles: ['CADRE'] })
    expect(await prisma.user.count({ where: { openid: 'o-new-cadre' } })).toBe(1)
    // Used up.
    const other = await wechatNewcomer('o-late-comer')
    await expectRefused(() => other.caller.invitation.accept({ code: invitation.code }), 409, 'INVITATION_USED')
    await expectRefused(() => world.admin.invitation.revoke({ id: invitation.id }), 409, 'INVITATION_USED')
    // The staff account has its WeChat now: a new invitation would bind nothing.
    await expectRefused(() => world.admin.invitation.create({ userId: staff.id }), 409, 'ACCOUNT_HAS_WECHAT')
  })

  it('takes the code inside the QR code’s link too', async () => {
    const { user: staff } = await world.admin.user.create(cadreInput())
    const invitation = await admin.invitation.create({ userId: staff.id })
    const newcomer = await wechatNewcomer('o-scanned-link')
    expect((await newcomer.caller.invitation.accept({ code: invitation.link })).user.id).toBe(staff.id)
  })

  it('refuses expired, revoked and malformed codes, a taken account, and a WeChat that is someone’s already', async () => {
    const { user: staff } = await world.admin.user.create(cadreInput())
    const newcomer = await wechatNewcomer('o-refused')
    const expired = await world.admin.invitation.create({ userId: staff.id })
    await world.deps.prisma.invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    await expectRefused(() => newcomer.caller.invitation.accept({ code: expired.code }), 409, 'INVITATION_EXPIRED')
    const revoked = await world.admin.invitation.create({ userId: staff.id })
    await world.admin.invitation.revoke({ id: revoked.id })
    await expectRefused(() => newcomer.caller.invitation.accept({ code: revoked.code }), 409, 'INVITATION_REVOKED')
    await expectRefused(() => newcomer.caller.invitation.accept({ code: 'K7QM-3XH' }), 400, 'VALIDATION_FAILED')

    const open = await world.admin.invitation.create({ userId: staff.id })
    // A resident's WeChat holds a household; a staff member signed in by password has no WeChat.
    await expectRefused(() => world.resident.invitation.accept({ code: open.code }), 409, 'WECHAT_ALREADY_BOUND')
    await expectRefused(() => world.member.invitation.accept({ code: open.code }), 412, 'INVITATION_NEEDS_WECHAT')
    await expectRefused(() => world.anonymous.invitation.accept({ code: open.code }), 401, 'UNAUTHENTICATED')
    // The invited account got a WeChat some other way in the meantime.
    await world.deps.prisma.user.update({ where: { id: staff.id }, data: { openid: 'o-bound-elsewhere' } })
    await expectRefused(() => newcomer.caller.invitation.accept({ code: open.code }), 409, 'ACCOUNT_HAS_WECHAT')
    await world.deps.prisma.user.update({ where: { id: staff.id }, data: { openid: null } })
    expect((await newcomer.caller.invitation.accept({ code: open.code })).user.id).toBe(staff.id)
    expect(await world.deps.prisma.user.count({ where: { openid: DEMO_RESIDENT_OPENID } })).toBe(1)
  })

  it('counts unknown codes against a lockout per account, which then refuses even the right one', async () => {
    const { user: staff } = await world.admin.user.create(cadreInput())
    const { code } = await world.admin.invitation.create({ userId: staff.id })
    const guesser = await wechatNewcomer('o-guesser')
    const wrong = code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'
    for (let i = 0; i < world.deps.security.maxFailuresPerSubject; i++)
      await expectRefused(() => guesser.caller.invitation.accept({ code: wrong }), 404, 'INVITATION_INVALID')
    const failure = await failureOf(guesser.caller.invitation.accept({ code }))
    expect({ status: failure.httpStatus, appCode: failure.appCode }).toEqual({ status: 429, appCode: 'LOCKED_OUT' })
    expect(failure.message).toMatch(CHINESE)
    expect(
      await world.deps.prisma.authAttempt.count({ where: { kind: 'INVITATION_ACCEPT', subject: guesser.user.id } }),
    ).toBe(world.deps.security.maxFailuresPerSubject)
    // Another person's attempts are their own.
    const honest = await wechatNewcomer('o-honest')
    expect((await honest.caller.invitation.accept({ code })).user.id).toBe(staff.id)
  })
})

describe('invitation.acceptWithPassword', () => {
  const NEW_PASSWORD = 'Qianyue2025'

  it('sets the password the invited person chose, uses the invitation up, and signs them in', async () => {
    const created = await world.admin.user.create(cadreInput())
    const staff = created.user
    const invitation = await world.admin.invitation.create({ userId: staff.id })
    const phone = staff.phone as string
    const accepted = await world.anonymous.invitation.acceptWithPassword({
      code: ` ${invitation.formattedCode.toLowerCase()} `,
      phone,
      newPassword: NEW_PASSWORD,
    })
    expect(accepted.user).toMatchObject({
      id: staff.id,
      roles: ['CADRE'],
      hasPassword: true,
      mustChangePassword: false,
    })
    expect((await findLiveSession(world.deps.prisma, accepted.token))?.userId).toBe(staff.id)
    // The chosen password opens the account; the one-time password the administrator saw does not.
    expect((await world.anonymous.auth.loginWithPassword({ phone, password: NEW_PASSWORD })).user.id).toBe(staff.id)
    expect(
      (await failureOf(world.anonymous.auth.loginWithPassword({ phone, password: created.oneTimePassword }))).appCode,
    ).toBe('INVALID_CREDENTIALS')
    expect((await world.admin.invitation.list({ userId: staff.id }))[0]).toMatchObject({ state: 'ACCEPTED' })
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'invitation.acceptWithPassword', entityId: invitation.id },
    })
    expect(audit.actorId).toBe(staff.id)
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(phone)
    await expectRefused(
      () => world.anonymous.invitation.acceptWithPassword({ code: invitation.code, phone, newPassword: 'Another2025' }),
      409,
      'INVITATION_USED',
    )
  })

  it('answers a wrong phone as an unknown code, and counts it against the phone given', async () => {
    const { user: staff } = await world.admin.user.create(cadreInput())
    const invitation = await world.admin.invitation.create({ userId: staff.id })
    const otherPhone = '13999990000'
    const wrongPhone = await expectRefused(
      () =>
        world.anonymous.invitation.acceptWithPassword({
          code: invitation.code,
          phone: otherPhone,
          newPassword: NEW_PASSWORD,
        }),
      404,
      'INVITATION_INVALID',
    )
    const wrong = invitation.code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'
    const unknownCode = await expectRefused(
      () =>
        world.anonymous.invitation.acceptWithPassword({
          code: wrong,
          phone: otherPhone,
          newPassword: NEW_PASSWORD,
        }),
      404,
      'INVITATION_INVALID',
    )
    expect(wrongPhone.message).toBe(unknownCode.message)
    await expectRefused(
      () =>
        world.anonymous.invitation.acceptWithPassword({ code: wrong, phone: otherPhone, newPassword: NEW_PASSWORD }),
      404,
      'INVITATION_INVALID',
    )
    // Three failures on that phone: even the right pair is refused for it now.
    const locked = await failureOf(
      world.anonymous.invitation.acceptWithPassword({
        code: invitation.code,
        phone: otherPhone,
        newPassword: NEW_PASSWORD,
      }),
    )
    expect({ status: locked.httpStatus, appCode: locked.appCode }).toEqual({ status: 429, appCode: 'LOCKED_OUT' })
    expect(
      await world.deps.prisma.authAttempt.count({ where: { kind: 'INVITATION_ACCEPT', subject: otherPhone } }),
    ).toBe(3)
    // The invited person, with his own phone, is not held up by it.
    const mine = await world.anonymous.invitation.acceptWithPassword({
      code: invitation.code,
      phone: staff.phone as string,
      newPassword: NEW_PASSWORD,
    })
    expect(mine.user.id).toBe(staff.id)
  })

  it('refuses an account whose holder chose a password already, and leaves the code for the mini-program', async () => {
    const created = await world.admin.user.create(cadreInput())
    const phone = created.user.phone as string
    const own = await world.as(created.user.id)
    await own.auth.changePassword({ currentPassword: created.oneTimePassword, newPassword: 'MyOwn2025pw' })
    const invitation = await world.admin.invitation.create({ userId: created.user.id })
    await expectRefused(
      () => world.anonymous.invitation.acceptWithPassword({ code: invitation.code, phone, newPassword: NEW_PASSWORD }),
      409,
      'PASSWORD_ALREADY_SET',
    )
    expect((await world.admin.invitation.list({ userId: created.user.id }))[0]).toMatchObject({ state: 'PENDING' })
    // Expired, revoked and a deactivated account, as in the mini-program.
    const { user: other } = await world.admin.user.create(cadreInput())
    const revoked = await world.admin.invitation.create({ userId: other.id })
    await world.admin.invitation.revoke({ id: revoked.id })
    const otherPhone = other.phone as string
    await expectRefused(
      () =>
        world.anonymous.invitation.acceptWithPassword({
          code: revoked.code,
          phone: otherPhone,
          newPassword: NEW_PASSWORD,
        }),
      409,
      'INVITATION_REVOKED',
    )
    const expired = await world.admin.invitation.create({ userId: other.id })
    await world.deps.prisma.invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    await expectRefused(
      () =>
        world.anonymous.invitation.acceptWithPassword({
          code: expired.code,
          phone: otherPhone,
          newPassword: NEW_PASSWORD,
        }),
      409,
      'INVITATION_EXPIRED',
    )
    const open = await world.admin.invitation.create({ userId: other.id })
    const off = await world.admin.user.deactivate({
      id: other.id,
      version: (await world.admin.user.byId({ id: other.id })).version,
    })
    // Deactivating an account revokes its open invitation.
    expect(off.isActive).toBe(false)
    await expectRefused(
      () =>
        world.anonymous.invitation.acceptWithPassword({
          code: open.code,
          phone: otherPhone,
          newPassword: NEW_PASSWORD,
        }),
      409,
      'INVITATION_REVOKED',
    )
    await expectRefused(
      () => world.anonymous.invitation.acceptWithPassword({ code: open.code, phone: otherPhone, newPassword: 'short' }),
      400,
      'VALIDATION_FAILED',
    )
  })
})

describe('GET /invite', () => {
  it('tells a browser, in Chinese, to open the mini-program and scan or type the code', async () => {
    const response = await fetch(`${baseUrl}/invite?code=k7qm3xhp`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('K7QM-3XHP')
    expect(html).toContain('小程序')
    // …or to go on in the browser, to the H5 app's page that takes the code.
    expect(html).toContain('href="/#/package-auth/invitation/index?code=K7QM3XHP"')
    expect(html).not.toMatch(/<script|<img|https?:\/\//i)
  })

  it('answers a link without a valid code with what to do, never echoing what it was given', async () => {
    for (const query of ['', '?code=', '?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E', '?code=K7QM3XH0']) {
      const response = await fetch(`${baseUrl}/invite${query}`)
      expect(response.status, query).toBe(400)
      const html = await response.text()
      expect(html).toMatch(CHINESE)
      expect(html).toContain('管理员或支部书记')
      expect(html).not.toContain('script>')
    }
  })
})
