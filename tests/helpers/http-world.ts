// A test world served over real HTTP, with a session token for each demo account asked for: for
// the routes that tRPC callers cannot reach, such as the file exports.
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import pino from 'pino'
import { afterAll } from 'vitest'
import { wireFormat } from '../../common/wire-format'
import { DEMO_ACCOUNTS, type DemoAccountKey } from '../../prisma/seed/reference-data'
import { buildServer } from '../../server/http/build-server'
import type { AppRouter } from '../../server/routers/app-router'
import { createActorCache } from '../../server/services/auth/actor-cache'
import { TEST_PASSWORD, type World } from './world'

/** Served as production serves it, with the actor cache (services/auth/actor-cache.ts). */
export const serveWorld = async <K extends DemoAccountKey>(world: World, accounts: readonly K[]) => {
  const app = await buildServer({
    deps: { ...world.deps, actors: createActorCache() },
    logger: pino({ level: 'silent' }),
  })
  afterAll(() => app.close())
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/trpc`, transformer: wireFormat, methodOverride: 'POST' })],
  })
  const tokens = {} as Record<K, string>
  for (const who of accounts) {
    const { token } = await client.auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS[who].phone,
      password: TEST_PASSWORD,
    })
    tokens[who] = token
  }
  return { app, baseUrl, tokens }
}
