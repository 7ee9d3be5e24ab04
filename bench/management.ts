// 管理 at province scale: a page of people and of orgs as an administrator (and a secretary) asks
// for them, and moving a subtree of 1,000 orgs — through createCaller, as production calls them,
// on the bench world of bench/dashboard.ts (BENCH_DATABASE_URL, or county scale in a fresh embedded
// PostgreSQL), topped up to a province's size first: 10,000 orgs and 100,000 people, each person a
// 党员 of a branch, with names and phones as real ones look. The top-up is synthetic rows written
// in a few statements, so the measure takes a minute, not the generator's hour.
//
// One JSON line per measure: median, p95, p99 in ms against the goal (a page: p95 ≤ 15 ms; the
// move: ≤ 1,000 ms each way).
import { randomUUID } from 'node:crypto'
import { openBenchWorld, QUICK, reportTimed } from './dashboard'
import { percentile } from './stats'

const ORGS = 10_000
const PEOPLE = 100_000
const MOVED_SUBTREE = 1_000
const PAGE_GOAL_MS = 15
const MOVE_GOAL_MS = 1_000

type World = Awaited<ReturnType<typeof openBenchWorld>>

/** Orgs under one new committee until the tree has ORGS; one of them heads a subtree of MOVED_SUBTREE. */
const topUpOrgs = async (world: World) => {
  const { prisma } = world
  const have = await prisma.org.count()
  const root = randomUUID()
  await prisma.$executeRaw`
    INSERT INTO "Org" ("id", "name", "kind", "path", "updatedAt")
    VALUES (${root}::uuid, '中共测试市直机关工作委员会', 'PARTY_COMMITTEE', ${`/${root}/`}, now())`
  // The subtree to move: a 党总支 with MOVED_SUBTREE - 1 branches below it.
  const general = randomUUID()
  await prisma.$executeRaw`
    INSERT INTO "Org" ("id", "name", "kind", "parentId", "path", "updatedAt")
    VALUES (${general}::uuid, '测试机关党总支', 'GENERAL_BRANCH', ${root}::uuid, ${`/${root}/${general}/`}, now())`
  await prisma.$executeRaw`
    INSERT INTO "Org" ("id", "name", "kind", "parentId", "path", "updatedAt")
    SELECT id, '测试党支部' || n, 'BRANCH', ${general}::uuid, ${`/${root}/${general}/`} || id || '/', now()
      FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${MOVED_SUBTREE - 1}) n) s`
  // The rest: branches under 50 党总支 of the new committee.
  const rest = Math.max(0, ORGS - have - MOVED_SUBTREE - 1 - 50)
  await prisma.$executeRaw`
    WITH generals AS (
      INSERT INTO "Org" ("id", "name", "kind", "parentId", "path", "updatedAt")
      SELECT id, '测试第' || n || '党总支', 'GENERAL_BRANCH', ${root}::uuid, ${`/${root}/`} || id || '/', now()
        FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 50) n) s
      RETURNING "id", "path"
    ), numbered AS (SELECT "id", "path", row_number() OVER () - 1 AS k FROM generals)
    INSERT INTO "Org" ("id", "name", "kind", "parentId", "path", "updatedAt")
    SELECT b.id, '测试支部' || b.n, 'BRANCH', g."id", g."path" || b.id || '/', now()
      FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${rest}) n) b
      JOIN numbered g ON g.k = b.n % 50`
  return { root, general }
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'
const GIVEN = '建国军华明丽强秀英芳伟敏静磊洋艳勇杰娟涛超霞平刚桂兰德林玉珍海燕红梅志'

/** People until the ledger has PEOPLE: 党员 of the branches just added, 1 to 3 characters' given names. */
const topUpPeople = async (world: World, root: string) => {
  const { prisma } = world
  const have = await prisma.user.count()
  const wanted = Math.max(0, PEOPLE - have)
  await prisma.$executeRaw`
    WITH branches AS (
      SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS k FROM "Org"
       WHERE starts_with("path", ${`/${root}/`}) AND "kind" = 'BRANCH'
    ), people AS (
      INSERT INTO "User" ("id", "displayName", "phone", "updatedAt")
      SELECT gen_random_uuid(),
             substr(${SURNAMES}, 1 + (n * 7) % ${SURNAMES.length}, 1) ||
             substr(${GIVEN}, 1 + (n * 13) % ${GIVEN.length}, 1) ||
             CASE WHEN n % 3 = 0 THEN '' ELSE substr(${GIVEN}, 1 + (n * 17) % ${GIVEN.length}, 1) END,
             '199' || lpad(n::text, 8, '0'),
             now()
        FROM generate_series(1, ${wanted}) n
      RETURNING "id"
    ), numbered AS (SELECT "id", row_number() OVER () AS n FROM people)
    INSERT INTO "Membership" ("id", "userId", "orgId", "role", "title")
    SELECT gen_random_uuid(), p."id", b."id", 'MEMBER', '党员'
      FROM numbered p JOIN branches b ON b.k = p.n % (SELECT count(*) FROM branches)`
}

const timeMoves = async (world: World, subtree: string, from: string, to: string) => {
  const samples: number[] = []
  let at = from
  for (let i = 0; i < (QUICK ? 2 : 6); i++) {
    const target = at === from ? to : from
    const { version } = await world.prisma.org.findUniqueOrThrow({ where: { id: subtree }, select: { version: true } })
    const started = performance.now()
    await world.admin.org.move({ id: subtree, version, parentId: target })
    samples.push(performance.now() - started)
    at = target
  }
  samples.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms)
  console.log(
    JSON.stringify({
      measure: 'management.org.move.1000',
      scale: world.scale,
      orgsMoved: MOVED_SUBTREE,
      moves: samples.length,
      medianMs: round(percentile(samples, 50)),
      maxMs: round(samples.at(-1) ?? 0),
      goalMs: MOVE_GOAL_MS,
      withinGoal: (samples.at(-1) ?? 0) <= MOVE_GOAL_MS,
    }),
  )
}

const main = async () => {
  const world = await openBenchWorld()
  try {
    const { root, general } = await topUpOrgs(world)
    await topUpPeople(world, root)
    await world.prisma.$executeRawUnsafe('ANALYZE "Org", "User", "Membership"')
    const scale = `${world.scale}+${await world.prisma.org.count()} orgs, ${await world.prisma.user.count()} people`
    const { admin, secretary } = world
    const measures: [string, () => Promise<unknown>][] = [
      ['management.org.tree.children.admin', () => admin.org.tree({ parentId: root, limit: 20 })],
      ['management.org.tree.search.admin', () => admin.org.tree({ search: '党支部', limit: 20 })],
      ['management.org.tree.secretary', () => secretary.org.tree({ limit: 20 })],
      ['management.user.list.admin', () => admin.user.list({ limit: 20 })],
      ['management.user.list.name.admin', () => admin.user.list({ search: '王建', limit: 20 })],
      ['management.user.list.phone.admin', () => admin.user.list({ search: '1990001', limit: 20 })],
      ['management.user.list.org.admin', () => admin.user.list({ orgId: general, limit: 20 })],
      ['management.user.list.secretary', () => secretary.user.list({ limit: 20 })],
    ]
    for (const [name, call] of measures) await reportTimed(name, scale, PAGE_GOAL_MS, call)
    // Another top-level committee to move the 党总支 under, and back.
    // Named for this run: a database measured before already holds the last run's committee.
    const run = randomUUID().slice(0, 8)
    const other = await admin.org.create({
      name: `中共测试市委政法委员会${run}`,
      kind: 'PARTY_COMMITTEE',
      parentId: null,
    })
    await timeMoves(world, general, root, other.id)
  } finally {
    await world.close()
  }
}

await main()
