// The server side of the tRPC-overhead benchmark (bench/trpc-overhead.ts), one process: the real
// server (tRPC on Fastify, with its hooks: security headers, rate limits, request ids) and, on a
// second port, a bare Fastify app whose one route does the same work by hand: the same sign-in
// (createContext through authorise), the same zod input schema, and the same service call, on the
// same Prisma client and pool. Prints one JSON line with both addresses.
import Fastify from 'fastify'
import { parseEnv } from '../server/env'
import { authorise } from '../server/http/authorise-request'
import { ZListHouseholdsRequestSchema } from '../server/routers/household/list-households.types'
import { STAFF_ROLES } from '../server/services/auth/actor'
import { listHouseholds } from '../server/services/households/list-households'
import { startServer } from '../server/start'

const server = await startServer(parseEnv(process.env))
const bare = Fastify({ logger: false })
bare.post('/bare/household.list', async (req, reply) => {
  const ctx = await authorise(server.deps, req, reply, STAFF_ROLES)
  if (!ctx) return reply
  const input = ZListHouseholdsRequestSchema.safeParse(req.body ?? {})
  if (!input.success) return reply.code(400).send({ error: input.error.issues[0]?.message })
  return listHouseholds({ ctx, input: input.data })
})
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 })
console.log(JSON.stringify({ trpcUrl: server.url, bareUrl }))

const stop = async () => {
  await bare.close()
  await server.stop()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
