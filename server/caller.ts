// Calling the API in-process as a given user (seeding, tools, tests): the same router, context
// and middlewares as HTTP, without the transport.
import { type AppDeps, createContextInner } from './context'
import { appRouter } from './routers/app-router'
import { loadActor } from './services/auth/actor'
import { createCallerFactory } from './trpc'

const createCaller = createCallerFactory(appRouter)

export type Caller = ReturnType<typeof createCaller>

export const callerFor = async (deps: AppDeps, userId: string | null): Promise<Caller> =>
  createCaller(createContextInner(deps, { actor: userId ? await loadActor(deps.prisma, userId) : null }))
