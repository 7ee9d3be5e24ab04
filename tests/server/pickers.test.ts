// The pickers' searches: any household of a village by part of its 户主 name, its 户编号 or its
// 所在组, or by a full ID number; any open org by part of its name; a page at a time, within the
// caller's scope, with `%` and `_` taken literally; and the compact copies the phone keeps to
// search with no signal.
import { beforeAll, describe, expect, it } from 'vitest'
import { insertOrg } from '../../server/services/orgs/org-path'
import { failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
const qianyue = () => world.ref.villages.qianyue.id
const shangtan = () => world.ref.villages.shangtan.id

/** `count` households straight into the table (the API's checks are tested elsewhere): code P-0001… */
const insertHouseholds = async (villageId: string, count: number, name: (i: number) => string) => {
  await world.deps.prisma.household.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      villageId,
      code: `P-${String(i + 1).padStart(4, '0')}`,
      headName: name(i + 1),
      groupName: `${(i % 7) + 1}组`,
      category: 'MARGINAL' as const,
    })),
  })
}

/** Every page of a search, following the cursor, as the picker does while the person scrolls. */
const allPages = async (
  search: (cursor: string | null) => Promise<{ items: { id: string }[]; nextCursor: string | null }>,
) => {
  const pages: { id: string }[][] = []
  let cursor: string | null = null
  do {
    const page = await search(cursor)
    pages.push(page.items)
    cursor = page.nextCursor
  } while (cursor && pages.length < 100)
  return pages
}

beforeAll(async () => {
  world = await createWorld()
  await insertHouseholds(qianyue(), 45, (i) => (i % 2 ? `王秀英` : `李${i}`))
  await insertHouseholds(shangtan(), 5, () => '王秀英')
})

describe('household.search', () => {
  it('pages through every household of a village in 户编号 order, with nothing twice and nothing left out', async () => {
    const pages = await allPages((cursor) => world.cadre.household.search({ villageId: qianyue(), cursor, limit: 20 }))
    const ids = pages.flat().map((h) => h.id)
    const expected = await world.deps.prisma.household.findMany({
      where: { villageId: qianyue(), anonymisedAt: null },
      orderBy: [{ code: 'asc' }, { id: 'asc' }],
      select: { id: true },
    })
    expect(pages.map((p) => p.length)).toEqual([20, 20, expected.length - 40])
    expect(ids).toEqual(expected.map((h) => h.id))
  })

  it('tells two 王秀英 apart by 户编号, 所在组 and village', async () => {
    const found = await world.admin.household.search({ search: '王秀英', limit: 50 })
    expect(found.items).toHaveLength(23 + 5)
    expect(new Set(found.items.map((h) => `${h.village.name}${h.code}`)).size).toBe(28)
    expect(found.items[0]).toMatchObject({
      headName: '王秀英',
      code: expect.any(String),
      groupName: expect.any(String),
    })
  })

  it('finds by part of a name, of a 户编号 and of a 所在组', async () => {
    const byName = await world.cadre.household.search({ villageId: qianyue(), search: '李4' })
    expect(byName.items.map((h) => h.headName).sort()).toEqual(['李4', '李40', '李42', '李44'])
    const byCode = await world.cadre.household.search({ villageId: qianyue(), search: 'p-004' })
    expect(byCode.items.map((h) => h.code)).toEqual(['P-0040', 'P-0041', 'P-0042', 'P-0043', 'P-0044', 'P-0045'])
    const byGroup = await world.cadre.household.search({ villageId: qianyue(), search: '3组' })
    expect(byGroup.items.length).toBeGreaterThan(0)
    expect(byGroup.items.every((h) => h.groupName === '3组')).toBe(true)
  })

  it('finds a household by its full ID number, through the blind index, and by nothing less', async () => {
    const input = householdInput(qianyue(), { headName: '马福海' })
    const created = await world.cadre.household.create(input)
    const found = await world.cadre.household.search({ villageId: qianyue(), search: input.idNumber })
    expect(found.items.map((h) => h.id)).toEqual([created.id])
    // Part of the number finds nothing: it is stored only encrypted.
    expect((await world.cadre.household.search({ search: input.idNumber.slice(0, 10) })).items).toEqual([])
  })

  it('finds a longer text only whole, in any case, and follows a renamed household', async () => {
    await world.deps.prisma.household.createMany({
      data: [
        { villageId: qianyue(), code: 'G-1', headName: '钱孙李周', category: 'OTHER' },
        // Every three-character piece of 钱孙李周, but not the whole.
        { villageId: qianyue(), code: 'G-2', headName: '钱孙李和孙李周', category: 'OTHER' },
        { villageId: qianyue(), code: 'g-ABC-9', headName: '马Anna', category: 'OTHER' },
      ],
    })
    const names = async (search: string) =>
      (await world.cadre.household.search({ villageId: qianyue(), search })).items.map((h) => h.headName)
    expect(await names('钱孙李周')).toEqual(['钱孙李周'])
    expect(await names('G-ABC-9')).toEqual(['马Anna'])
    expect(await names('anna')).toEqual(['马Anna'])
    const renamed = await world.deps.prisma.household.findFirstOrThrow({ where: { code: 'G-1' } })
    await world.deps.prisma.household.update({ where: { id: renamed.id }, data: { headName: '欧阳春燕' } })
    expect(await names('钱孙李周')).toEqual([])
    expect(await names('阳春')).toEqual(['欧阳春燕'])
  })

  it('takes % and _ literally', async () => {
    await world.deps.prisma.household.createMany({
      data: [
        { villageId: qianyue(), code: 'L-1', headName: '马_明', category: 'OTHER' },
        { villageId: qianyue(), code: 'L-2', headName: '马%明', category: 'OTHER' },
        { villageId: qianyue(), code: 'L-3', headName: '马小明', category: 'OTHER' },
        { villageId: qianyue(), code: 'L-4', headName: '马%明明', category: 'OTHER' },
        { villageId: qianyue(), code: 'L-5', headName: '马大明明', category: 'OTHER' },
      ],
    })
    const names = async (search: string) =>
      (await world.cadre.household.search({ villageId: qianyue(), search })).items.map((h) => h.headName)
    expect(await names('马_明')).toEqual(['马_明'])
    expect(await names('_')).toEqual(['马_明'])
    expect(await names('马%明明')).toEqual(['马%明明'])
    expect(await names('%')).toEqual(['马%明', '马%明明'])
  })

  it('keeps to the caller’s scope and leaves out anonymised households', async () => {
    const cadreSees = await world.cadre.household.search({ search: '王秀英', limit: 50 })
    expect(cadreSees.items.every((h) => h.village.id === qianyue())).toBe(true)
    expect(cadreSees.items).toHaveLength(23)
    // Another village's households, asked for by its id, are not the cadre's to see.
    expect((await world.cadre.household.search({ villageId: shangtan() })).items).toEqual([])
    expect((await world.otherCadre.household.search({ search: '王秀英' })).items).toHaveLength(5)

    const [first] = cadreSees.items
    if (!first) throw new Error('no household')
    await world.deps.prisma.household.update({ where: { id: first.id }, data: { anonymisedAt: new Date() } })
    const after = await world.cadre.household.search({ search: '王秀英', limit: 50 })
    expect(after.items.map((h) => h.id)).not.toContain(first.id)
    await world.deps.prisma.household.update({ where: { id: first.id }, data: { anonymisedAt: null } })
  })
})

describe('household.roster', () => {
  it('gives every household of the village, compact, and no rows while the phone’s copy is current', async () => {
    const roster = await world.cadre.household.roster({ villageId: qianyue() })
    const count = await world.deps.prisma.household.count({ where: { villageId: qianyue(), anonymisedAt: null } })
    expect(roster.households).toHaveLength(count)
    expect(Object.keys(roster.households?.[0] ?? {}).sort()).toEqual([
      'category',
      'code',
      'groupName',
      'headName',
      'id',
    ])
    const again = await world.cadre.household.roster({ villageId: qianyue(), stamp: roster.stamp })
    expect(again).toEqual({ villageId: qianyue(), stamp: roster.stamp, households: null })

    // A change anywhere in the village makes a new copy.
    const [first] = roster.households ?? []
    await world.deps.prisma.household.update({ where: { id: first?.id }, data: { groupName: '新组' } })
    const changed = await world.cadre.household.roster({ villageId: qianyue(), stamp: roster.stamp })
    expect(changed.stamp).not.toBe(roster.stamp)
    expect(changed.households?.find((h) => h.id === first?.id)?.groupName).toBe('新组')
  })

  it('refuses a village out of reach', async () => {
    expect(await failureOf(world.cadre.household.roster({ villageId: shangtan() }))).toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})

describe('org.list and org.roster', () => {
  beforeAll(async () => {
    const committee = await insertOrg(world.deps.prisma, { name: '中共某县律师行业委员会', kind: 'PARTY_COMMITTEE' })
    for (let i = 1; i <= 30; i++)
      await insertOrg(world.deps.prisma, { name: `某某律师事务所第${i}党支部`, kind: 'BRANCH', parent: committee })
  })

  it('finds any open org by part of its name, a page at a time, each with the org above it', async () => {
    const pages = await allPages((cursor) => world.member.org.list({ search: '某某律师事务所', cursor, limit: 20 }))
    expect(pages.map((p) => p.length)).toEqual([20, 10])
    const first = await world.member.org.list({ search: '第17党支部' })
    expect(first.items).toEqual([
      expect.objectContaining({ name: '某某律师事务所第17党支部', parentName: '中共某县律师行业委员会' }),
    ])
  })

  it('offers a secretary his own subtree to organise in, and names the orgs asked for by id', async () => {
    const organisable = await world.secretary.org.list({ isOrganisable: true, limit: 100 })
    expect(organisable.items.length).toBeGreaterThan(0)
    expect(organisable.items.every((o) => o.canOrganise)).toBe(true)
    expect(organisable.items.map((o) => o.name)).not.toContain('某某律师事务所第1党支部')
    const [org] = organisable.items
    const named = await world.member.org.list({ ids: [org?.id ?? ''] })
    expect(named.items.map((o) => o.id)).toEqual([org?.id])
  })

  it('gives every open org compact, and no rows while the copy is current', async () => {
    const roster = await world.member.org.roster({})
    expect(roster.orgs?.length).toBe(await world.deps.prisma.org.count({ where: { closedAt: null } }))
    expect(await world.member.org.roster({ stamp: roster.stamp })).toEqual({ stamp: roster.stamp, orgs: null })
  })
})
