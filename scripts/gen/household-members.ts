// The people of a generated household (households.ts): who lives in it given its head, and each
// member's ID number, health, labour and schooling, written as HouseholdMember rows with their
// personal data sealed (personal-fields.ts).
import type { HealthStatus, LaborCapacity, Relationship, SchoolStatus } from '../../common/enums'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import type { FieldCrypto } from '../../server/lib/field-crypto'
import { sealHealth, sealIdNumber } from '../../server/services/households/personal-fields'
import { addRow, type Batch } from './bulk-insert'
import type { GeneratedVillage } from './org-tree'
import type { Random } from './random'
import { DAY, dateOnly } from './scale'
import { HEALTH_DETAILS, personName, WORK_INFO } from './vocabulary'

/** The year ages are counted at. */
const AGE_YEAR = 2026

/** Hands out ID-number sequences so that no two people of a county share one (odd for men). */
export type IdSequences = { region: string; next: Map<string, number> }

export const createIdSequences = (): IdSequences => ({ region: '', next: new Map() })

const idNumberFor = (ids: IdSequences, region: string, birth: number, isMale: boolean) => {
  if (ids.region !== region) {
    ids.region = region
    ids.next.clear()
  }
  const date = dateOnly(birth)
  const key = `${date}${isMale ? 'm' : 'f'}`
  const n = ids.next.get(key) ?? 0
  ids.next.set(key, n + 1)
  // 3-digit sequence: men 001, 003, …; women 002, 004, …; wraps past 999 (never at these scales).
  const sequence = (n * 2 + (isMale ? 1 : 2)) % 1000 || 1
  return fakeIdNumber(date, sequence, region)
}

export type Person = { relationship: Relationship; age: number; isMale: boolean }

export const composition = (random: Random, size: number, head: Person): Person[] => {
  const people = [head]
  if (size >= 2 && (head.age < 80 || random.chance(0.5)) && random.chance(0.88)) {
    people.push({ relationship: 'SPOUSE', isMale: !head.isMale, age: Math.max(20, head.age + random.int(-6, 4)) })
  }
  const isOld = head.age >= 58
  while (people.length < size) {
    const slot = people.length
    if (isOld && slot === 2) people.push({ relationship: 'SON', isMale: true, age: head.age - random.int(24, 34) })
    else if (isOld && slot === 3)
      people.push({ relationship: 'DAUGHTER_IN_LAW', isMale: false, age: head.age - random.int(24, 36) })
    else if (isOld)
      people.push({
        relationship: 'GRANDCHILD',
        isMale: random.chance(0.5),
        age: Math.max(0, head.age - random.int(48, 62)),
      })
    else if (slot >= 5 && head.age + 26 < 96)
      people.push({ relationship: 'PARENT', isMale: random.chance(0.4), age: head.age + random.int(22, 30) })
    else {
      const isMale = random.chance(0.52)
      people.push({
        relationship: isMale ? 'SON' : 'DAUGHTER',
        isMale,
        age: Math.max(0, head.age - random.int(20, 38)),
      })
    }
  }
  return people
}

const healthOf = (random: Random, age: number): HealthStatus => {
  if (!random.chance(0.12 + age / 180)) return 'HEALTHY'
  return random.weighted<HealthStatus>([
    ['CHRONIC_ILLNESS', 55],
    ['DISABLED', 18],
    ['SEVERELY_DISABLED', 9],
    ['SERIOUS_ILLNESS', 18],
  ])
}

const laborOf = (random: Random, age: number, health: HealthStatus): LaborCapacity => {
  if (age < 16) return 'NONE'
  if (health === 'SEVERELY_DISABLED' || health === 'SERIOUS_ILLNESS') return 'LOST'
  if (age >= 70) return random.chance(0.6) ? 'NONE' : 'PARTIAL'
  if (health !== 'HEALTHY' || age >= 60) return 'PARTIAL'
  return 'ABLE'
}

const schoolOf = (random: Random, age: number): SchoolStatus => {
  if (age >= 3 && age <= 5) return 'PRESCHOOL'
  if (age >= 6 && age <= 11) return 'PRIMARY'
  if (age >= 12 && age <= 14) return 'JUNIOR_HIGH'
  if (age >= 15 && age <= 17) return random.chance(0.7) ? 'SENIOR_HIGH' : 'VOCATIONAL'
  if (age >= 18 && age <= 21 && random.chance(0.3)) return 'HIGHER'
  return 'NOT_IN_SCHOOL'
}

/**
 * Writes the household's members, head first. `family` is the family name the head's blood
 * relatives share. Answers the head's name and ID number, which the household row repeats.
 */
export const addMembers = (
  batch: Batch,
  {
    random,
    crypto,
    ids,
    village,
    householdId,
    createdAt,
    people,
    family,
  }: {
    random: Random
    crypto: FieldCrypto
    ids: IdSequences
    village: GeneratedVillage
    householdId: string
    createdAt: Date
    people: Person[]
    family: string
  },
) => {
  let headName = ''
  let headIdNumber = ''
  for (const [n, person] of people.entries()) {
    const isBlood = person.relationship !== 'SPOUSE' && person.relationship !== 'DAUGHTER_IN_LAW'
    const name = personName(random, person.isMale, isBlood || n === 0 ? family : undefined)
    // Born the year before: never a birth date in the future.
    const birth = Date.UTC(AGE_YEAR - person.age - 1, 0, 1) + random.int(0, 364) * DAY
    const idNumber = idNumberFor(ids, village.regionCode, birth, person.isMale)
    if (n === 0) {
      headName = name
      headIdNumber = idNumber
    }
    const status = healthOf(random, person.age)
    const detail = status === 'HEALTHY' ? null : random.pick(HEALTH_DETAILS[status])
    const labor = laborOf(random, person.age, status)
    const sealed = sealIdNumber(crypto, idNumber, 'member.idNumber')
    const at = new Date(createdAt.getTime() + n)
    addRow(batch, 'HouseholdMember', [
      random.uuid7(at),
      householdId,
      name,
      person.relationship,
      sealed.enc,
      sealed.hash,
      sealed.mask,
      sealHealth(crypto, { status, detail }),
      labor,
      schoolOf(random, person.age),
      labor === 'ABLE' && person.age >= 18 && person.age <= 55 && random.chance(0.5) ? random.pick(WORK_INFO) : null,
      n,
      at,
      at,
    ])
  }
  return { headName, headIdNumber }
}
