// What procedures return and take, as the app sees them. The one place the app names the server:
// the router's type, erased at build time (biome.json refuses any other import of server/ in src/).
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '../../server/routers/app-router'

export type { AppRouter }

export type RouterOutputs = inferRouterOutputs<AppRouter>
export type RouterInputs = inferRouterInputs<AppRouter>
export type Me = RouterOutputs['auth']['me']
