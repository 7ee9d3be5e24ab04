// Households made for what their 户主's name does in a search, through the cadre of 前跃村.
import { householdInput } from './factories'
import type { World } from './world'

/** A household in 前跃村 whose 户主 (and sole member) has this name. */
export const householdNamed = async (world: World, headName: string) => {
  const input = householdInput(world.ref.villages.qianyue.id, { headName })
  const [head] = input.members
  if (!head) throw new Error('the factory makes a head')
  return world.cadre.household.create({ ...input, members: [{ ...head, name: headName }] })
}

/** The 户主 names the cadre's household search finds, sorted. */
export const headNamesFound = async (world: World, search: string) =>
  (await world.cadre.household.list({ search, limit: 100 })).items.map((h) => h.headName).sort()
