// The server side of the tRPC-overhead benchmark (bench/trpc-overhead.ts), one process: the real
// server, and on a second port a twin of it (buildServer again: the same Fastify options and
// hooks — security headers, request ids, the per-IP limit, POST and JSON only) with one more
// route that does by hand what the tRPC procedure does: the same sign-in (createContext through
// authorise), the same zod input schema and the same service call, on the same Prisma client and
// pool. So the two differ by tRPC alone. A third twin answers /trpc with tRPC's resolveResponse
// for every call, as its own adapters do, instead of the plain-calls path
// (server/http/trpc-plain-calls.ts): what that path saves, measured in the same run. Prints one
// JSON line with the three addresses.

import { ZListHouseholdsRequestSchema } from '../common/contracts/household/list-households'
import { parseEnv } from '../server/env'
import { authorise } from '../server/http/authorise-request'
import { buildServer } from '../server/http/build-server'
import { STAFF_ROLES } from '../server/services/auth/actor'
import { listHouseholds } from '../server/services/households/list-households'
import { startServer } from '../server/start'

const server = await startServer(parseEnv(process.env))
const twin = await buildServer({ deps: server.deps, logger: server.app.log })
// Under /trpc/, so that the server's hooks for API calls run for it as for the real ones; a
// static path, which Fastify's router prefers to tRPC's /trpc/:path.
twin.post('/trpc/bare.household.list', async (req, reply) => {
  const ctx = await authorise(server.deps, req, reply, STAFF_ROLES)
  if (!ctx) return reply
  const input = ZListHouseholdsRequestSchema.safeParse(req.body ?? {})
  if (!input.success) return reply.code(400).send({ error: input.error.issues[0]?.message })
  return listHouseholds({ ctx, input: input.data })
})
const bareUrl = await twin.listen({ host: '127.0.0.1', port: 0 })
const stock = await buildServer({ deps: server.deps, logger: server.app.log, answerTrpcWith: 'resolve-response' })
const stockUrl = await stock.listen({ host: '127.0.0.1', port: 0 })
console.log(JSON.stringify({ trpcUrl: server.url, stockUrl, bareUrl }))

const stop = async () => {
  await twin.close()
  await stock.close()
  await server.stop()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
