// Searches match what was typed, literally: `%`, `_` and `\` are characters, not LIKE's wildcards.
import { beforeAll, describe, expect, it } from 'vitest'
import { insertOrg } from '../../server/services/orgs/org-path'
import { headNamesFound, householdNamed } from '../helpers/household-search'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

describe('searches take %, _ and \\ literally', () => {
  beforeAll(async () => {
    for (const name of ['马_明', '马%明', '马\\明', '马明明', '马小明']) await householdNamed(world, name)
  })

  it('finds households by the very characters typed', async () => {
    expect(await headNamesFound(world, '_')).toEqual(['马_明'])
    expect(await headNamesFound(world, '%')).toEqual(['马%明'])
    expect(await headNamesFound(world, '\\')).toEqual(['马\\明'])
    expect(await headNamesFound(world, '马_明')).toEqual(['马_明'])
    expect(await headNamesFound(world, '马%')).toEqual(['马%明'])
    expect(await headNamesFound(world, '明明')).toEqual(['马明明'])
  })

  it('still finds 户编号 whatever their case', async () => {
    const household = await householdNamed(world, '马code')
    const found = await world.cadre.household.list({ search: household.code.toLowerCase() })
    expect(found.items.map((h) => h.id)).toEqual([household.id])
  })

  it('finds orgs by the very characters typed', async () => {
    await insertOrg(world.deps.prisma, { name: '青海_测试律师事务所党支部', shortName: '测试_所', kind: 'BRANCH' })
    const namesFound = async (search: string) => (await world.secretary.org.list({ search })).items.map((o) => o.name)
    expect(await namesFound('_')).toEqual(['青海_测试律师事务所党支部'])
    expect(await namesFound('%')).toEqual([])
    expect((await namesFound('律师')).length).toBeGreaterThan(1)
  })
})
