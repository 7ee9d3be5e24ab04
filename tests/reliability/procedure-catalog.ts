// Every procedure of the router, read from the router itself (so a new one is seen by the suites
// without anyone listing it), a way to call one by its dotted path, and the outcome of a call as
// a client would see it: the result, or the error after the server's own error formatter.
import { getTRPCErrorShape, TRPCError } from '@trpc/server'
import type { z } from 'zod'
import type { Caller } from '../../server/caller'
import { appRouter } from '../../server/routers/app-router'

export type ProcedureType = 'query' | 'mutation'

export type CatalogEntry = {
  /** Dotted path, e.g. "household.byId". */
  path: string
  type: ProcedureType
  /** The zod schema of its input; undefined when it takes none. */
  input: z.core.$ZodType | undefined
  /** It proves an identity (meta `proof`): each call is an attempt the lockout counts. */
  isProof: boolean
}

type ProcedureDef = { type: ProcedureType | 'subscription'; inputs: unknown[]; meta?: { proof?: unknown } }

export const procedureCatalog = (): CatalogEntry[] =>
  Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(
    ([path, procedure]) => {
      const { type, inputs, meta } = procedure._def
      if (type === 'subscription') throw new Error(`${path}: subscriptions are not covered by the reliability suites`)
      if (inputs.length > 1)
        throw new Error(`${path}: chained .input() schemas are not covered by the reliability suites`)
      return { path, type, input: inputs[0] as z.core.$ZodType | undefined, isProof: Boolean(meta?.proof) }
    },
  )

/** Calls `caller.<a>.<b>(input)` for the path "a.b". */
export const callProcedure = (caller: Caller, path: string, input: unknown): Promise<unknown> => {
  let target: unknown = caller
  for (const segment of path.split('.')) target = (target as Record<string, unknown>)[segment]
  return (target as (input: unknown) => Promise<unknown>)(input)
}

export type Outcome =
  | { kind: 'ok'; value: unknown }
  /** A TRPCError, with the message and data the client receives. */
  | {
      kind: 'refused'
      code: TRPCError['code']
      message: string
      appCode: string | undefined
      fieldMessages: string[]
      error: TRPCError
    }
  /** Anything else thrown: the router let a non-tRPC error escape. */
  | { kind: 'crash'; error: unknown }

type FormattedShape = {
  message: string
  data?: { appCode?: string; zodError?: { formErrors: string[]; fieldErrors: Record<string, string[]> } | null }
}

/** The error as it leaves the server: through the error formatter of server/trpc.ts. */
export const formatError = (error: TRPCError, path: string, type: ProcedureType, input: unknown) => {
  const shape = getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type,
    path,
    input,
    ctx: undefined,
  }) as FormattedShape
  const zodError = shape.data?.zodError
  return {
    message: shape.message,
    appCode: shape.data?.appCode,
    fieldMessages: zodError ? [...zodError.formErrors, ...Object.values(zodError.fieldErrors).flat()] : [],
  }
}

export const outcomeOf = async (
  call: () => Promise<unknown>,
  { path, type, input }: { path: string; type: ProcedureType; input: unknown },
): Promise<Outcome> => {
  try {
    return { kind: 'ok', value: await call() }
  } catch (error) {
    if (!(error instanceof TRPCError)) return { kind: 'crash', error }
    return { kind: 'refused', code: error.code, error, ...formatError(error, path, type, input) }
  }
}

/** One line about an error and what caused it, for reports. */
export const describeError = (error: unknown): string => {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const frame = current.stack?.split('\n').find((line) => line.includes('/server/'))
      // Prisma's messages quote the calling code; the first line and the last (the database's own
      // words) are what matter.
      const lines = current.message.split('\n').filter((line) => line.trim())
      const message = lines.length > 2 ? `${lines[0]} … ${lines.at(-1)}` : lines.join(' ')
      parts.push(`${current.name}: ${message.slice(0, 400)}${frame ? ` (${frame.trim()})` : ''}`)
      current = (current as { cause?: unknown }).cause
    } else {
      parts.push(String(current).slice(0, 300))
      current = undefined
    }
  }
  return parts.join(' ← ').replace(/\s+/g, ' ')
}
