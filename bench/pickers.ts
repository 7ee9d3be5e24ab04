// The pickers at province scale, over HTTP through authentication: the real server as production
// runs it (production-server.ts), each search sent as the app sends it (POST, the wire
// format, a bearer token), one at a time as one phone waits for each answer.
//   - household.search by part of a name, by part of a 户编号, and by a full ID number, as the
//     resident cadre of the largest village (the visit form's picker, in his village); by part of a
//     name across the villages of the secretary pairing the most, and across the province as an
//     administrator;
//   - org.list by part of an org's name (any org, as every staff member may).
// Then the phone's copy of the largest village (household.roster in the compact form the app
// keeps, src/lib/pickers/compact-copy.ts) and of every org: its size against WeChat's 1 MB a key.
//
//   BENCH_DATABASE_URL  a database filled by `npm run gen -- --scale province`, with
//                       BENCH_FIELD_ENCRYPTION_KEY (its key) and BENCH_PASSWORD (GEN_PASSWORD of
//                       the run); unset: county scale generated into a fresh embedded PostgreSQL,
//                       its accounts' password GEN_PASSWORD.
//   BENCH_ITERATIONS    timed calls per search (200; 30 with --quick), after BENCH_WARMUP (20; 5).
//
// One JSON line per search (median, p95, p99 in ms; the goal is a p95 of 15 ms) and per copy.
import { wireFormat } from '../common/wire-format'
import { encodeHouseholds, encodeOrgs } from '../src/lib/pickers/compact-copy'
import { apiClient } from '../tests/reliability/server-process'
import { ITERATIONS, openBenchWorld, WARMUP } from './dashboard'
import { startProductionServer } from './production-server'
import { percentile, roundMs } from './stats'

const GOAL_P95_MS = 15
/** WeChat's limits: 1 MB under one storage key, 10 MB for a mini-program in all. */
const KEY_LIMIT_BYTES = 1024 * 1024
const TOTAL_LIMIT_BYTES = 10 * 1024 * 1024
/** Villages whose copies the phone keeps at most (src/lib/pickers/offline-copies.ts). */
const KEPT_VILLAGES = 10

type Search = { measure: string; scale: string; token: string; path: string; input: unknown; found: number }

/** Sequential POSTs of one call; the answer must be a page (the search is checked, not just timed). */
const timeSearch = async (url: string, search: Search) => {
  const post = async () => {
    const response = await fetch(`${url}/trpc/${search.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${search.token}` },
      body: JSON.stringify(wireFormat.input.serialize(search.input)),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${search.measure}: HTTP ${response.status} ${text.slice(0, 200)}`)
    return text
  }
  for (let i = 0; i < WARMUP; i++) await post()
  const samples: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now()
    await post()
    samples.push(performance.now() - started)
  }
  samples.sort((a, b) => a - b)
  const p95Ms = roundMs(percentile(samples, 95))
  console.log(
    JSON.stringify({
      measure: search.measure,
      scale: search.scale,
      iterations: ITERATIONS,
      found: search.found,
      medianMs: roundMs(percentile(samples, 50)),
      p95Ms,
      p99Ms: roundMs(percentile(samples, 99)),
      goalP95Ms: GOAL_P95_MS,
      withinGoal: p95Ms <= GOAL_P95_MS,
    }),
  )
}

/** As Taro keeps a value under a key: JSON of { data }, counted in UTF-8 bytes. */
const storedBytes = (text: string) => Buffer.byteLength(JSON.stringify({ data: text }), 'utf8')

const main = async () => {
  // The accounts' password when the measure generates its own world.
  if (!process.env.BENCH_DATABASE_URL) process.env.GEN_PASSWORD ??= 'bench-pickers-password'
  const world = await openBenchWorld()
  const { prisma, picked, scale } = world
  const phoneOf = async (id: string) =>
    (await prisma.user.findUniqueOrThrow({ where: { id }, select: { phone: true } })).phone ?? ''
  const server = await startProductionServer({ DATABASE_URL: world.url, FIELD_ENCRYPTION_KEY: world.fieldKey })
  try {
    const password = process.env.BENCH_PASSWORD ?? process.env.GEN_PASSWORD ?? ''
    const signIn = async (id: string) =>
      (await apiClient(server.url).auth.loginWithPassword.mutate({ phone: await phoneOf(id), password })).token
    const [admin, secretary, cadre] = [
      await signIn(picked.adminId),
      await signIn(picked.secretaryId),
      await signIn(picked.cadreId),
    ]

    // The cadre's village, its 850th household (or its last), and what a person would type.
    const villageRows = await prisma.household.findMany({
      where: { villageId: picked.villageId, anonymisedAt: null },
      select: { id: true, code: true, headName: true, groupName: true, category: true, idNumberEnc: true },
      orderBy: { code: 'asc' },
    })
    const target = villageRows[Math.min(849, villageRows.length - 1)]
    if (!target?.idNumberEnc) throw new Error('the cadre’s village has no household with an ID number')
    const namePart = Array.from(target.headName).slice(-2).join('')
    const codePart = target.code.slice(-4)
    const idNumber = world.deps.crypto.decrypt(target.idNumberEnc, 'household.idNumber')
    const org = await prisma.org.findFirstOrThrow({ where: { closedAt: null }, orderBy: { id: 'desc' } })
    const orgPart = Array.from(org.name).slice(-6, -2).join('')
    const tokens = { admin, secretary, cadre }
    const inVillage = { villageId: picked.villageId }
    // What each search is, for whom, and how many it finds (checked first: an empty search would
    // time nothing worth knowing).
    const households: [string, keyof typeof tokens, { villageId?: string; search: string }][] = [
      ['pickers.household.name.cadre', 'cadre', { ...inVillage, search: namePart }],
      ['pickers.household.code.cadre', 'cadre', { ...inVillage, search: codePart }],
      ['pickers.household.idNumber.cadre', 'cadre', { ...inVillage, search: idNumber }],
      ['pickers.household.name.secretary', 'secretary', { search: namePart }],
      ['pickers.household.name.admin', 'admin', { search: namePart }],
      ['pickers.household.fullName.admin', 'admin', { search: target.headName }],
      ['pickers.household.idNumber.admin', 'admin', { search: idNumber }],
    ]
    const searches: Search[] = []
    for (const [measure, role, input] of households) {
      const found = (await world[role].household.search({ ...input, limit: 20 })).items.length
      searches.push({
        scale,
        measure,
        token: tokens[role],
        path: 'household.search',
        input: { ...input, limit: 20 },
        found,
      })
    }
    const orgInput = { search: orgPart, limit: 20 }
    const orgsFound = (await world.cadre.org.list(orgInput)).items.length
    searches.push({
      scale,
      measure: 'pickers.org.name',
      token: cadre,
      path: 'org.list',
      input: orgInput,
      found: orgsFound,
    })

    // The floor every call pays on this machine now (sign-in, the wire format, one round trip):
    // auth.me, timed the same way, beside the searches.
    await timeSearch(server.url, {
      scale,
      measure: 'pickers.floor.auth.me',
      token: cadre,
      path: 'auth.me',
      input: undefined,
      found: 1,
    })
    for (const search of searches) {
      if (!search.found) throw new Error(`${search.measure} finds nothing: the measure would time an empty search`)
      await timeSearch(server.url, search)
    }

    // The phone's copies: the largest village, ten such villages, and every org.
    const villageBytes = storedBytes(encodeHouseholds(villageRows))
    const orgs = await world.cadre.org.roster({})
    const orgBytes = storedBytes(encodeOrgs(orgs.orgs ?? []))
    const line = {
      measure: 'pickers.offlineCopy',
      scale,
      households: villageRows.length,
      villageCopyBytes: villageBytes,
      keptVillagesBytes: villageBytes * KEPT_VILLAGES,
      orgs: orgs.orgs?.length ?? 0,
      orgCopyBytes: orgBytes,
      keyLimitBytes: KEY_LIMIT_BYTES,
      totalLimitBytes: TOTAL_LIMIT_BYTES,
      withinBudget: villageBytes < KEY_LIMIT_BYTES && villageBytes * KEPT_VILLAGES + orgBytes < TOTAL_LIMIT_BYTES / 2,
    }
    console.log(JSON.stringify(line))
    if (!line.withinBudget) process.exitCode = 1
  } finally {
    await server.stop()
    await world.close()
  }
}

await main()
