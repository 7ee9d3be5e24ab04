// A test world served over real HTTP, for what a tRPC caller does not go through: the wire, the
// routes beside the API (file exports, uploads, the app's pages), sessions by bearer token.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { afterAll, expect } from 'vitest'
import { wireFormat } from '../../common/wire-format'
import { DEMO_ACCOUNTS, type DemoAccountKey } from '../../prisma/seed/reference-data'
import { buildServer } from '../../server/http/build-server'
import type { AppRouter } from '../../server/routers/app-router'
import { createActorCache } from '../../server/services/auth/actor-cache'
import { TEST_PASSWORD, type World } from './world'

type ServeOptions = {
  /** Where the server logs; nowhere by default. */
  logger?: FastifyBaseLogger
  /** An H5 build of just these files (path → content, `index.html` served at /); none by default. */
  h5Files?: Record<string, string>
}

/** A folder holding just these files. */
const folderOf = async (files: Record<string, string>) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pdrl-h5-'))
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), content)
  }
  return dir
}

/**
 * The world's server on a free port of 127.0.0.1, closed after the file's tests, served as
 * production serves it: with the actor cache (server/services/auth/actor-cache.ts).
 */
export const serve = async (world: World, { logger, h5Files }: ServeOptions = {}) => {
  const h5DistDir = h5Files ? await folderOf(h5Files) : undefined
  const app = await buildServer({
    deps: { ...world.deps, actors: createActorCache() },
    logger: logger ?? pino({ level: 'silent' }),
    h5DistDir,
  })
  afterAll(() => app.close())
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, baseUrl }
}

type ClientOptions = {
  /** One request per call, as the app's launch prefetch sends them (src/lib/launch-prefetch.ts). */
  isBatched?: boolean
  /** Calls per batch at most, as the app's client (src/lib/trpc.ts). */
  maxItems?: number
  /** What answers instead of the server: a proxy, no network. */
  fetch?: typeof fetch
}

/** The API as the app calls it (wire format, POST only), signed in by `token` when there is one. */
export const apiClient = (
  baseUrl: string,
  token?: string,
  { isBatched = true, maxItems, fetch }: ClientOptions = {},
) => {
  const options = {
    url: `${baseUrl}/trpc`,
    transformer: wireFormat,
    methodOverride: 'POST' as const,
    headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
    ...(fetch ? { fetch } : {}),
  }
  return createTRPCClient<AppRouter>({
    links: [isBatched ? httpBatchLink({ ...options, ...(maxItems ? { maxItems } : {}) }) : httpLink(options)],
  })
}

/** Signs in over HTTP, as the app does: the session's token and the user. */
export const signIn = (baseUrl: string, phone: string, password = TEST_PASSWORD) =>
  apiClient(baseUrl).auth.loginWithPassword.mutate({ phone, password })

/** The app code of the refusal the client got, or OK. */
export const appCodeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (e: unknown) => (e instanceof TRPCClientError ? (e.data as { appCode: string }).appCode : String(e)),
  )

/** Runs a call that must fail, and returns the error the client got. */
export const clientErrorOf = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCClientError)
  return error as TRPCClientError<AppRouter>
}

/** The world served, with a session token for each demo account asked for. */
export const serveWorld = async <K extends DemoAccountKey>(
  world: World,
  accounts: readonly K[],
  options: ServeOptions = {},
) => {
  const { app, baseUrl } = await serve(world, options)
  const tokens = {} as Record<K, string>
  for (const who of accounts) tokens[who] = (await signIn(baseUrl, DEMO_ACCOUNTS[who].phone)).token
  return { app, baseUrl, tokens }
}
