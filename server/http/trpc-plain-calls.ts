// Answers the app's API calls, a POST of JSON for one call or a batch, the way tRPC's
// `resolveResponse` does — the same procedures and middlewares, the same error shapes through our
// errorFormatter, the same status codes and response headers — without building a web `Request`
// and `Response` for each. Those, with their streams and abort signals, were the whole of tRPC's
// overhead over a bare Fastify route (docs/benchmarks.md, "tRPC overhead").
// Only tRPC's public API: a server-side caller (createCallerFactory) looks each procedure up and
// calls it as its own type, so a mutation runs in its transaction (server/trpc.ts) although every
// call arrives as POST; getTRPCErrorShape and transformTRPCResponse take the instance's config.
// Anything else (a malformed body, a batch over the cap, a path the caller cannot take, a streamed
// answer) returns null here and goes to `resolveResponse`, which answers it as tRPC always has.
// One difference: a procedure's kind is known only once the caller has found it, so a batch that
// mixes queries and mutations (the app's batch link never sends one) has each call run as its own
// kind, where resolveResponse refuses the whole batch (tests/server/trpc-plain-calls.test.ts).
import {
  type AnyTRPCRouter,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  type TRPCError,
  type TRPCProcedureType,
  transformTRPCResponse,
} from '@trpc/server'
import { getHTTPStatusCode } from '@trpc/server/http'
import type { FastifyRequest } from 'fastify'
import type { Context } from '../context'
import { AppError } from '../errors'
import { createCallerFactory, rootConfig } from '../trpc'

/** A call, with its input already decoded from the wire format. */
type Call = { path: string; input: unknown }

export type PlainCalls = { isBatch: boolean; calls: Call[] }

export type PlainAnswer = { status: number; headers: Record<string, string>; body: string }

/** A node of a caller: a procedure to call, or a router to walk down. */
type CallerNode = ((input: unknown) => Promise<unknown>) & { [key: string]: CallerNode }

/**
 * Procedure paths are words joined by dots. A caller is a proxy that gives a few words a meaning
 * of its own (`then`, `call`, `apply`, `toString`…; `_def` is the router's definition): a path
 * with one of them is left to resolveResponse, which answers it as an unknown procedure.
 */
const PATH = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/
const PROXY_WORDS: ReadonlySet<string> = new Set(['then', 'call', 'apply', 'bind', 'valueOf', 'toString', 'toJSON'])
const isCallerPath = (path: string) => PATH.test(path) && !path.split('.').some((word) => PROXY_WORDS.has(word))

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The calls of a plain JSON request, or null when `resolveResponse` should answer it. */
export const plainCalls = (req: FastifyRequest, rawPath: string, maxBatchSize: number): PlainCalls | null => {
  if (req.method !== 'POST' || typeof req.body !== 'string' || req.body === '') return null
  const accept = req.headers['trpc-accept'] ?? req.headers.accept
  if (typeof accept === 'string' && accept.includes('application/jsonl')) return null
  let path: string
  let body: unknown
  try {
    path = decodeURIComponent(rawPath)
    body = JSON.parse(req.body)
  } catch {
    return null
  }
  const isBatch = (req.query as { batch?: unknown } | undefined)?.batch === '1'
  const paths = isBatch ? path.split(',') : [path]
  if (paths.length > maxBatchSize || (isBatch && !isObject(body))) return null
  const calls: Call[] = []
  for (const [index, callPath] of paths.entries()) {
    if (!isCallerPath(callPath)) return null
    const encoded = isBatch ? (body as Record<string, unknown>)[index] : body
    let input: unknown
    try {
      input = encoded === undefined ? undefined : rootConfig.transformer.input.deserialize(encoded)
    } catch {
      return null
    }
    calls.push({ path: callPath, input })
  }
  return { isBatch, calls }
}

/** When to come back, in seconds, from the per-user limit's errors (0: no limit was hit). */
export const retryAfterOf = (errors: { cause?: unknown }[]): number => {
  const waits = errors.map((e) => (e.cause instanceof AppError ? e.cause.details?.retryAfterSeconds : undefined))
  return Math.max(0, ...waits.filter((w): w is number => typeof w === 'number'))
}

export type PlainCallsAnswerer = (options: {
  request: PlainCalls
  ctx: Context
  signal: AbortSignal
  onError: (error: TRPCError, path: string) => void
}) => Promise<PlainAnswer>

/** Runs a request's calls on `router` and makes the answer, as `resolveResponse` would. */
export const plainCallsAnswerer = (router: AnyTRPCRouter): PlainCallsAnswerer => {
  const createCaller = createCallerFactory(router)
  return async ({ request: { isBatch, calls }, ctx, signal, onError }) => {
    const results = await Promise.all(
      calls.map(async ({ path, input }) => {
        // Known once the caller has found the procedure; for the error shape, as tRPC gives it.
        let type: TRPCProcedureType | 'unknown' = 'unknown'
        const caller = createCaller(ctx, {
          signal,
          onError: (failure) => {
            type = failure.type
            onError(failure.error, path)
          },
        }) as unknown as CallerNode
        try {
          const procedure = path.split('.').reduce((node, word) => node[word] as CallerNode, caller)
          return { response: { result: { data: await procedure(input) } } }
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause)
          return {
            error,
            response: { error: getTRPCErrorShape({ config: rootConfig, ctx, error, input, path, type }) },
          }
        }
      }),
    )
    const responses = results.map((r) => r.response)
    const errors = results.flatMap((r) => (r.error ? [r.error] : []))
    const untransformed = isBatch ? responses : responses[0]
    const headers: Record<string, string> = { vary: 'trpc-accept, accept', 'content-type': 'application/json' }
    const retryAfter = retryAfterOf(errors)
    if (retryAfter) headers['retry-after'] = String(retryAfter)
    return {
      status: getHTTPStatusCode(untransformed as never),
      headers,
      body: JSON.stringify(transformTRPCResponse(rootConfig, untransformed as never)),
    }
  }
}
