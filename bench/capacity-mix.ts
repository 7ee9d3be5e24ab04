// The app's mix of calls, as the capacity measures send it (capacity.ts, capacity-cpu.ts): over
// HTTP through sign-in and the app's clients, as the secretary and the cadre of the 前跃村 story.
//   - reads: the 工作台's totals, the four lists, the to-do list;
//   - writes: a donation and a need, each with its clientMutationId;
//   - the launch (launch-prefetch.ts): auth.me, the totals and the overdue needs at once, in one
//     request as the app sends them (launch-batch.ts).
// capacity-cpu.ts sends them through the clients; capacity.ts replays the requests the clients
// sent (recordedMix, replayed-requests.ts), so that its load generator takes less of the machine.
import { createTRPCClient, httpLink } from '@trpc/client'
import { wireFormat } from '../common/wire-format'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import type { AppRouter } from '../server/routers/app-router'
import { launchBatch } from '../src/lib/launch-batch'
import type { taroFetch } from '../src/lib/taro-fetch'
import { type ApiClient, apiClient, RELIABILITY_PASSWORD } from '../tests/reliability/server-process'
import { createDonation, createNeed, pick } from './mix-writes'
import { freshWrite, type RecordedRequest, recordingFetch } from './replayed-requests'

export type MixClients = {
  secretary: ApiClient
  cadre: ApiClient
  /** A new launch client, for one launch. */
  launch: () => ReturnType<typeof launchClient>
  villageId: string
  householdIds: string[]
}
export type Operation = { name: string; weight: number; run: (api: MixClients) => Promise<unknown> }

/**
 * As the app's launch client (makeTrpcClient with isImmediate, under launchBatch): each call sent
 * at once, the launch's three in one request. One client a launch, as one app start makes one.
 */
const launchClient = (url: string, token: string, fetch: typeof globalThis.fetch = globalThis.fetch) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: wireFormat,
        methodOverride: 'POST',
        fetch: launchBatch(fetch as unknown as typeof taroFetch, 3) as unknown as typeof globalThis.fetch,
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  })

/** About 70% reads, 15% writes, 15% launches. */
export const OPERATIONS: Operation[] = [
  { name: 'stats.summary', weight: 15, run: ({ secretary }) => secretary.stats.summary.query({}) },
  { name: 'activity.list', weight: 12, run: ({ secretary }) => secretary.activity.list.query({}) },
  { name: 'donation.list', weight: 12, run: ({ secretary }) => secretary.donation.list.query({}) },
  { name: 'household.list', weight: 12, run: ({ cadre }) => cadre.household.list.query({}) },
  { name: 'need.list', weight: 10, run: ({ cadre }) => cadre.need.list.query({}) },
  { name: 'todo.list', weight: 9, run: ({ cadre }) => cadre.todo.list.query({ limit: 50 }) },
  { name: 'donation.create', weight: 9, run: ({ secretary, villageId }) => createDonation(secretary, villageId) },
  { name: 'need.create', weight: 6, run: ({ cadre, householdIds }) => createNeed(cadre, householdIds) },
  {
    name: 'launch',
    weight: 15,
    run: ({ launch }) => {
      const client = launch()
      return Promise.all([
        client.auth.me.query(),
        client.stats.summary.query({ top: 5 }),
        client.need.list.query({ isOverdue: true, limit: 5 }),
      ])
    },
  },
]

const WEIGHTED = OPERATIONS.flatMap((op) => Array.from({ length: op.weight }, () => op))

/** A fixed sequence of `count` operations drawn by weight: the same at every rate and in every run. */
export const sequenceOf = (count: number): Operation[] => {
  let seed = 20_250_220
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  return Array.from({ length: count }, () => WEIGHTED[Math.floor(next() * WEIGHTED.length)] as Operation)
}

/**
 * Signs in as the story's secretary and cadre on the server at `url`; the clients the mix calls
 * with, sending through `fetch` (the global one by default).
 */
export const mixClients = async (url: string, fetch?: typeof globalThis.fetch): Promise<MixClients> => {
  const tokenOf = async (phone: string) =>
    (await apiClient(url).auth.loginWithPassword.mutate({ phone, password: RELIABILITY_PASSWORD })).token
  const secretaryToken = await tokenOf(DEMO_ACCOUNTS.secretary.phone)
  const cadreToken = await tokenOf(DEMO_ACCOUNTS.cadre.phone)
  const secretary = apiClient(url, secretaryToken, { fetch })
  const cadre = apiClient(url, cadreToken, { fetch })
  return {
    secretary,
    cadre,
    launch: () => launchClient(url, secretaryToken, fetch),
    villageId: (await cadre.auth.me.query()).villages[0]?.id ?? '',
    householdIds: (await cadre.household.list.query({ limit: 100 })).items.map((h) => h.id),
  }
}

export type RecordedMix = {
  /** Each kind of call: the requests one call of it sent. */
  requestsOf: Map<string, RecordedRequest[]>
  /** A recorded body made a new call: a fresh clientMutationId, a need for any of the households. */
  vary: (body: string) => string
}

/** Each kind of call of the mix made once through the clients, its requests recorded for replaying. */
export const recordedMix = async (url: string): Promise<RecordedMix> => {
  const recorded: RecordedRequest[] = []
  const api = await mixClients(url, recordingFetch(recorded))
  const requestsOf = new Map<string, RecordedRequest[]>()
  for (const op of OPERATIONS) {
    recorded.length = 0
    await op.run(api)
    requestsOf.set(op.name, [...recorded])
  }
  const household = /"householdId":"[0-9a-f-]{36}"/g
  return {
    requestsOf,
    vary: (body) => freshWrite(body).replace(household, () => `"householdId":"${pick(api.householdIds)}"`),
  }
}
