// The org tree, villages and accounts: 市委 → 县委 → 乡党委 → 村党支部, with the city's and
// county's organ branches (机关党支部) that pair with villages (帮扶联点), a secretary, cadres
// and members in every branch, a 第一书记 sent to every village, and one admin.
import { childPath } from '../../server/services/orgs/org-path'
import { addRow, type Batch } from './bulk-insert'
import { createRandom } from './random'
import type { Scale } from './scale'
import { CITIES, CITY_BUREAUS, COUNTY_BUREAUS, personName, placeName } from './vocabulary'

/** Login phones of generated accounts: 170 + eight digits, away from the demo accounts' 138…. */
export const GENERATED_PHONE_PREFIX = '170'
/** The generated admin; its presence is what marks a database as holding generated data. */
export const GENERATED_ADMIN_PHONE = `${GENERATED_PHONE_PREFIX}00000000`

/** When the tree was set up: before the history's window. */
const FOUNDED = new Date(Date.UTC(2023, 5, 1, 2))

export type Branch = {
  id: string
  name: string
  secretaryId: string
  memberIds: string[]
  memberNames: string[]
  /** For a village's own branch, its village; for an organ branch, the villages it is paired with. */
  villageIndexes: number[]
  isVillageBranch: boolean
}

export type GeneratedVillage = {
  index: number
  id: string
  name: string
  county: string
  township: string
  adminCode: string
  /** 6-digit county code, the region part of residents' ID numbers. */
  regionCode: string
  branch: Branch
  /** 村党支部书记, 村委委员 and the 第一书记: who keep the village's records. */
  cadreIds: string[]
  /** Members of the paired organ branch, who join visits. */
  helperIds: string[]
}

export type OrgTree = {
  adminId: string
  villages: GeneratedVillage[]
  branches: Branch[]
  users: number
}

export const buildOrgTree = (
  batch: Batch,
  { seed, scale, passwordHash }: { seed: string; scale: Scale; passwordHash: string },
): OrgTree => {
  const random = createRandom(`${seed}:org-tree`)
  let userSerial = 0
  let clock = FOUNDED.getTime()
  const tick = () => {
    clock += 1_000
    return new Date(clock)
  }

  const org = (name: string, shortName: string | null, kind: string, parent: { id: string; path: string } | null) => {
    const at = tick()
    const id = random.uuid7(at)
    const path = childPath(parent?.path ?? null, id)
    addRow(batch, 'Org', [id, name, shortName, kind, parent?.id ?? null, path, at, at])
    return { id, path }
  }
  const user = (displayName: string) => {
    const at = tick()
    const id = random.uuid7(at)
    const phone = `${GENERATED_PHONE_PREFIX}${String(userSerial++).padStart(8, '0')}`
    addRow(batch, 'User', [id, displayName, phone, passwordHash, at, at])
    return id
  }
  const membership = (userId: string, orgId: string, role: string, title: string) => {
    const at = tick()
    addRow(batch, 'Membership', [random.uuid7(at), userId, orgId, role, title, at, at])
  }
  const branch = (
    name: string,
    parent: { id: string; path: string },
    isVillageBranch: boolean,
    size: number,
  ): Branch => {
    const { id } = org(name, null, 'BRANCH', parent)
    const secretaryName = personName(random, random.chance(0.7))
    const secretaryId = user(secretaryName)
    membership(secretaryId, id, 'SECRETARY', '支部书记')
    const memberIds = [secretaryId]
    const memberNames = [secretaryName]
    for (let i = 0; i < size; i++) {
      const name = personName(random, random.chance(0.55))
      const memberId = user(name)
      membership(memberId, id, 'MEMBER', '党员')
      memberIds.push(memberId)
      memberNames.push(name)
    }
    return { id, name, secretaryId, memberIds, memberNames, villageIndexes: [], isVillageBranch }
  }
  const pair = (orgId: string, villageId: string) =>
    addRow(batch, 'OrgVillagePair', [random.uuid7(FOUNDED), orgId, villageId, FOUNDED, FOUNDED])
  const post = (userId: string, villageId: string, title: string) =>
    addRow(batch, 'CadreVillage', [random.uuid7(FOUNDED), userId, villageId, title, FOUNDED, FOUNDED])

  const adminId = user('系统管理员')
  const villages: GeneratedVillage[] = []
  const branches: Branch[] = []
  const countyNames = new Set<string>()

  for (let c = 0; c < scale.cities; c++) {
    const city = CITIES[c % CITIES.length] as (typeof CITIES)[number]
    const cityCommittee = org(`中共${city.name}委员会`, `${city.name}委`, 'PARTY_COMMITTEE', null)
    if (c === 0) membership(adminId, cityCommittee.id, 'ADMIN', '系统管理员')
    const cityOrgans = org(
      `中共${city.name}直属机关工作委员会`,
      `${city.name}直机关工委`,
      'PARTY_COMMITTEE',
      cityCommittee,
    )
    const cityBureaus = CITY_BUREAUS.map((bureau) =>
      branch(`${city.name}${bureau}机关党支部`, cityOrgans, false, random.int(12, 30)),
    )
    branches.push(...cityBureaus)
    const cityVillages: GeneratedVillage[] = []

    for (let k = 0; k < scale.countiesPerCity; k++) {
      const county = `${placeName(random, countyNames)}县`
      const regionCode = `${city.code}${String(31 + k).padStart(2, '0')}`
      const countyCommittee = org(`中共${county}委员会`, `${county}委`, 'PARTY_COMMITTEE', cityCommittee)
      const countyOrgans = org(
        `中共${county}直属机关工作委员会`,
        `${county}直机关工委`,
        'PARTY_COMMITTEE',
        countyCommittee,
      )
      const countyBureaus = COUNTY_BUREAUS.map((bureau) =>
        branch(`${county}${bureau}机关党支部`, countyOrgans, false, random.int(10, 25)),
      )
      branches.push(...countyBureaus)
      const placeNames = new Set<string>()

      for (let t = 0; t < scale.townshipsPerCounty; t++) {
        const township = `${placeName(random, placeNames)}乡`
        // 乡 segments from 201: never one of the story's (630121105xxx).
        const townshipCode = `${regionCode}${200 + t + 1}`
        const townshipCommittee = org(
          `中共${county}${township}委员会`,
          `${township}党委`,
          'PARTY_COMMITTEE',
          countyCommittee,
        )
        branches.push(branch(`${township}机关党支部`, townshipCommittee, false, random.int(8, 20)))

        for (let v = 0; v < scale.villagesPerTownship; v++) {
          const index = villages.length
          const name = `${placeName(random, placeNames)}村`
          const adminCode = `${townshipCode}${String(201 + v).padStart(3, '0')}`
          const at = tick()
          const villageId = random.uuid7(at)
          addRow(batch, 'Village', [villageId, name, county, township, adminCode, at, at])
          const own = branch(`${name}党支部`, townshipCommittee, true, random.int(8, 30))
          own.villageIndexes.push(index)
          branches.push(own)
          pair(own.id, villageId)
          // The village's own secretary keeps its records; so do a committee member and the
          // 第一书记 sent by the county bureau the village is paired with.
          membership(own.secretaryId, own.id, 'CADRE', '村党支部书记')
          post(own.secretaryId, villageId, '村党支部书记')
          const committee = own.memberIds[1] ?? own.secretaryId
          if (committee !== own.secretaryId) {
            membership(committee, own.id, 'CADRE', '村委委员')
            post(committee, villageId, '村委委员')
          }
          const bureau = countyBureaus[index % countyBureaus.length] as Branch
          bureau.villageIndexes.push(index)
          pair(bureau.id, villageId)
          const firstSecretary = user(personName(random, random.chance(0.75)))
          membership(firstSecretary, bureau.id, 'CADRE', '驻村第一书记')
          post(firstSecretary, villageId, '第一书记')
          const village: GeneratedVillage = {
            index,
            id: villageId,
            name,
            county,
            township,
            adminCode,
            regionCode,
            branch: own,
            cadreIds: [...new Set([own.secretaryId, committee, firstSecretary])],
            helperIds: random.sample(bureau.memberIds, 4),
          }
          villages.push(village)
          cityVillages.push(village)
        }
      }
    }
    // Each city bureau is paired with a couple of the city's villages.
    for (const [i, bureau] of cityBureaus.entries()) {
      for (let j = 0; j < 2 && cityVillages.length; j++) {
        const village = cityVillages[(i * 7 + j * 13) % cityVillages.length] as GeneratedVillage
        if (bureau.villageIndexes.includes(village.index)) continue
        bureau.villageIndexes.push(village.index)
        pair(bureau.id, village.id)
      }
    }
  }
  return { adminId, villages, branches, users: userSerial }
}
