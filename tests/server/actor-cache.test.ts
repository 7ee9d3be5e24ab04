// Each request costs one query before its own work: the session, read with the authorisation
// epoch. The person loaded by an earlier request serves while the epoch stands still, and any
// change to what they are made of (a role ended, an account deactivated, a pairing ended, an org
// moved, their consent) moves it on, so the very next request sees the change.
import { beforeAll, describe, expect, it } from 'vitest'
import { today } from '../../server/services/auth/periods'
import { apiClient, serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'

let world: World
let baseUrl: string
let tokens: Record<'secretary' | 'cadre' | 'member', string>

const clientOf = (token: string) => apiClient(baseUrl, token)

const epoch = async () => (await world.deps.prisma.authzEpoch.findUniqueOrThrow({ where: { id: 1 } })).value

beforeAll(async () => {
  world = await createWorld()
  ;({ baseUrl, tokens } = await serveWorld(world, ['secretary', 'cadre', 'member']))
})

describe('the authorisation epoch', () => {
  it('moves on with a change to roles, posts, pairings, orgs, accounts and consents, not with a login', async () => {
    const { prisma } = world.deps
    const { users, orgs, villages } = world.ref
    const changes: [string, () => Promise<unknown>][] = [
      [
        'a role',
        () => prisma.membership.updateMany({ where: { userId: users.member.id }, data: { title: '组织委员' } }),
      ],
      [
        'a post',
        () => prisma.cadreVillage.updateMany({ where: { userId: users.cadre.id }, data: { post: '驻村工作队长' } }),
      ],
      [
        'a pairing',
        () =>
          prisma.orgVillagePair.updateMany({
            where: { villageId: villages.shangtan.id },
            data: { startedOn: today() },
          }),
      ],
      ['an org', () => prisma.org.update({ where: { id: orgs.township.id }, data: { name: '良教乡党委（更名）' } })],
      ['an account', () => prisma.user.update({ where: { id: users.member.id }, data: { displayName: '张丽丽' } })],
    ]
    for (const [what, change] of changes) {
      const before = await epoch()
      await change()
      expect(await epoch(), what).toBeGreaterThan(before)
    }
    const before = await epoch()
    await prisma.user.update({ where: { id: users.member.id }, data: { lastLoginAt: new Date() } })
    expect(await epoch()).toBe(before)
  })
})

describe('a signed-in person between requests', () => {
  it('is reused while nothing changed, and answers the same profile', async () => {
    const secretary = clientOf(tokens.secretary)
    const first = await secretary.auth.me.query()
    const second = await secretary.auth.me.query()
    expect(second).toEqual(first)
  })

  it('loses a role on the very next request after it ends', async () => {
    const member = clientOf(tokens.member)
    expect((await member.activity.list.query({})).items).toBeDefined()
    await world.deps.prisma.membership.updateMany({
      where: { userId: world.ref.users.member.id },
      data: { endedOn: today() },
    })
    await expect(member.activity.list.query({})).rejects.toMatchObject({ data: { appCode: 'FORBIDDEN' } })
    expect((await member.auth.me.query()).roles).toEqual([])
  })

  it('is refused at once when the account is deactivated', async () => {
    const cadre = clientOf(tokens.cadre)
    expect((await cadre.auth.me.query()).roles).toContain('CADRE')
    await world.deps.prisma.user.update({ where: { id: world.ref.users.cadre.id }, data: { isActive: false } })
    await expect(cadre.auth.me.query()).rejects.toMatchObject({ data: { appCode: 'ACCOUNT_DISABLED' } })
  })

  it('reaches a village from the request after it is paired with his branch', async () => {
    const secretary = clientOf(tokens.secretary)
    const shangtan = world.ref.villages.shangtan.id
    expect((await secretary.village.list.query()).map((v) => v.id)).not.toContain(shangtan)
    await world.deps.prisma.orgVillagePair.create({
      data: { orgId: world.ref.orgs.bureauBranch.id, villageId: shangtan },
    })
    expect((await secretary.village.list.query()).map((v) => v.id)).toContain(shangtan)
  })
})
