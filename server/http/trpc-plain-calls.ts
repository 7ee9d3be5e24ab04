// Answers the app's API calls, a POST of JSON for one call or a batch, the way tRPC's
// `resolveResponse` does — the same procedures and middlewares, the same error shapes through our
// errorFormatter, the same status codes and response headers — without building a web `Request`
// and `Response` for each. Those, with their streams and abort signals, were the whole of tRPC's
// overhead over a bare Fastify route (docs/benchmarks.md, "tRPC overhead"). Anything else (an
// unknown procedure, a malformed body, a batch too large, a mix of queries and mutations, a
// subscription or a streamed answer) returns null here and goes to `resolveResponse`, which
// answers it as tRPC always has.
import type { AnyTRPCProcedure } from '@trpc/server'
import { getHTTPStatusCode } from '@trpc/server/http'
import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  type TRPCError,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import'
import type { FastifyRequest } from 'fastify'
import type { Context } from '../context'
import { AppError } from '../errors'
import { appRouter } from '../routers/app-router'

/** A call, with its input already decoded from the wire format. */
type Call = { path: string; procedure: AnyTRPCProcedure; input: unknown }

export type PlainCalls = { isBatch: boolean; calls: Call[] }

export type PlainAnswer = { status: number; headers: Record<string, string>; body: string }

const config = appRouter._def._config
/** At run time a router keeps its procedures by full path ('donation.create'), as tRPC looks them up. */
const procedures = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>

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
    const procedure = Object.hasOwn(procedures, callPath) ? procedures[callPath] : undefined
    if (!procedure || procedure._def.type === 'subscription') return null
    if (calls[0] && calls[0].procedure._def.type !== procedure._def.type) return null
    const encoded = isBatch ? (body as Record<string, unknown>)[index] : body
    let input: unknown
    try {
      input = encoded === undefined ? undefined : config.transformer.input.deserialize(encoded)
    } catch {
      return null
    }
    calls.push({ path: callPath, procedure, input })
  }
  return { isBatch, calls }
}

/** When to come back, in seconds, from the per-user limit's errors (0: no limit was hit). */
export const retryAfterOf = (errors: { cause?: unknown }[]): number => {
  const waits = errors.map((e) => (e.cause instanceof AppError ? e.cause.details?.retryAfterSeconds : undefined))
  return Math.max(0, ...waits.filter((w): w is number => typeof w === 'number'))
}

/** Runs the calls and makes the answer, as `resolveResponse` would for the same request. */
export const answerPlainCalls = async ({
  request: { isBatch, calls },
  ctx,
  signal,
  onError,
}: {
  request: PlainCalls
  ctx: Context
  signal: AbortSignal
  onError: (error: TRPCError, path: string) => void
}): Promise<PlainAnswer> => {
  const results = await Promise.all(
    calls.map(async ({ path, procedure, input }, batchIndex) => {
      const type = procedure._def.type
      try {
        const data = await procedure({ path, getRawInput: async () => input, ctx, type, signal, batchIndex })
        return { response: { result: { data } } }
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause)
        onError(error, path)
        const shape = getErrorShape({ config, ctx, error, input, path, type })
        return { error, response: { error: shape } }
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
    body: JSON.stringify(transformTRPCResponse(config, untransformed as never)),
  }
}
