// Household.lastVisitedOn, kept by the triggers of migration 20261212100000_household_last_visit
// on the real database: it follows visits added (through the service and many at once), a
// visit’s day corrected later or earlier, a visit moved to another household, visits deleted, and a
// delete whose recount meets a visit another transaction adds; it always equals the household's
// greatest visit day.
import { beforeAll, describe, expect, it } from 'vitest'
import { householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let first: string
let second: string

const lastVisitOf = async (id: string): Promise<string | null> => {
  const { lastVisitedOn } = await world.deps.prisma.household.findUniqueOrThrow({
    where: { id },
    select: { lastVisitedOn: true },
  })
  return lastVisitedOn ? lastVisitedOn.toISOString().slice(0, 10) : null
}

/** Every household whose column differs from its visits' greatest day (none, when kept). */
const drift = () =>
  world.deps.prisma.$queryRaw<{ id: string }[]>`
    SELECT h.id FROM "Household" h
    WHERE h."lastVisitedOn" IS DISTINCT FROM (SELECT max(v."visitedOn") FROM "Visit" v WHERE v."householdId" = h.id)`

const visitInput = (householdId: string, visitedOn: string) => ({
  target: 'HOUSEHOLD' as const,
  householdId,
  visitedOn,
  goods: [],
  cashFen: 0,
})

beforeAll(async () => {
  world = await createWorld()
  const village = world.ref.villages.qianyue.id
  first = (await world.cadre.household.create(householdInput(village))).id
  second = (await world.cadre.household.create(householdInput(village))).id
})

describe('a household’s last visit', () => {
  it('is null until a visit, then the greatest visit day as visits are added in any order', async () => {
    expect(await lastVisitOf(first)).toBeNull()
    await world.cadre.visit.create(visitInput(first, '2025-03-10'))
    expect(await lastVisitOf(first)).toBe('2025-03-10')
    await world.cadre.visit.create(visitInput(first, '2025-02-01'))
    expect(await lastVisitOf(first)).toBe('2025-03-10')
    await world.cadre.visit.create(visitInput(first, '2025-04-05'))
    expect(await lastVisitOf(first)).toBe('2025-04-05')
    expect(await drift()).toEqual([])
  })

  it('follows a visit’s day corrected later and earlier', async () => {
    const visit = await world.cadre.visit.create(visitInput(second, '2025-05-01'))
    const later = await world.cadre.visit.update({
      id: visit.id,
      version: visit.version,
      visitedOn: '2025-05-20',
      cashFen: 0,
    })
    expect(await lastVisitOf(second)).toBe('2025-05-20')
    await world.cadre.visit.update({ id: visit.id, version: later.version, visitedOn: '2025-04-15', cashFen: 0 })
    expect(await lastVisitOf(second)).toBe('2025-04-15')
    expect(await drift()).toEqual([])
  })

  it('follows a visit moved to another household, both households', async () => {
    const { id } = await world.cadre.visit.create(visitInput(first, '2025-06-30'))
    expect(await lastVisitOf(first)).toBe('2025-06-30')
    await world.deps.prisma.visit.update({ where: { id }, data: { householdId: second } })
    expect(await lastVisitOf(first)).toBe('2025-04-05')
    expect(await lastVisitOf(second)).toBe('2025-06-30')
    expect(await drift()).toEqual([])
  })

  it('falls back to the remaining visits when visits are deleted, and to null with none left', async () => {
    await world.deps.prisma.visit.deleteMany({ where: { householdId: second, visitedOn: new Date('2025-06-30') } })
    expect(await lastVisitOf(second)).toBe('2025-04-15')
    await world.deps.prisma.visit.deleteMany({ where: { householdId: first, visitedOn: new Date('2025-04-05') } })
    expect(await lastVisitOf(first)).toBe('2025-03-10')
    await world.deps.prisma.visit.deleteMany({ where: { householdId: first } })
    expect(await lastVisitOf(first)).toBeNull()
    expect(await drift()).toEqual([])
  })

  it('takes many visits written in one statement at once, each household its greatest day', async () => {
    const villageId = world.ref.villages.qianyue.id
    await world.deps.prisma.visit.createMany({
      data: [
        { target: 'HOUSEHOLD', villageId, householdId: first, visitedOn: new Date('2025-07-01') },
        { target: 'HOUSEHOLD', villageId, householdId: first, visitedOn: new Date('2025-07-09') },
        { target: 'HOUSEHOLD', villageId, householdId: second, visitedOn: new Date('2025-01-01') },
      ],
    })
    expect(await lastVisitOf(first)).toBe('2025-07-09')
    expect(await lastVisitOf(second)).toBe('2025-04-15')
    // An update that moves no day nor household leaves the households alone.
    await world.deps.prisma.visit.updateMany({ where: { householdId: first }, data: { difficulties: '无' } })
    expect(await lastVisitOf(first)).toBe('2025-07-09')
    expect(await drift()).toEqual([])
  })

  it('sees a visit another transaction adds while a delete recounts (the household row locked first)', async () => {
    const villageId = world.ref.villages.qianyue.id
    const old = await world.deps.prisma.visit.create({
      data: { target: 'HOUSEHOLD', villageId, householdId: second, visitedOn: new Date('2025-08-01') },
    })
    expect(await lastVisitOf(second)).toBe('2025-08-01')
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let inserted = () => {}
    const insertDone = new Promise<void>((resolve) => {
      inserted = resolve
    })
    // The newer visit is written, its trigger has run, and its transaction waits uncommitted…
    const adding = world.deps.prisma.$transaction(async (tx) => {
      await tx.visit.create({
        data: { target: 'HOUSEHOLD', villageId, householdId: second, visitedOn: new Date('2025-09-01') },
      })
      inserted()
      await gate
    })
    await insertDone
    // …while another deletes the latest committed visit: its recount waits for the row, then
    // reads the visit committed meanwhile.
    // (A Prisma query starts when it is awaited: then() starts it now.)
    const deleting = world.deps.prisma.visit.delete({ where: { id: old.id } }).then(() => undefined)
    // Released once the delete waits for the household's row.
    for (let tries = 0; tries < 100; tries++) {
      const [{ waiting }] = await world.deps.prisma.$queryRaw<[{ waiting: number }]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`
      if (waiting > 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    release()
    await Promise.all([adding, deleting])
    expect(await lastVisitOf(second)).toBe('2025-09-01')
    expect(await drift()).toEqual([])
  })
})
