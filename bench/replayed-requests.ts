// The load generator's side of the capacity measure: the app's calls sent as the bytes its tRPC
// clients send, without the client's own work per call. Each kind of call is made once through the
// app's clients (capacity-mix.ts) with a fetch that records what goes out: path, headers and body.
// The open loop then sends those requests again over keep-alive connections (node:http), writes
// with a fresh clientMutationId each time, and reads each answer's status and bytes. The server
// sees the same requests, with the same authentication and wire format, as from the tRPC clients;
// the generator spends a fraction of their CPU on each (docs/benchmarks.md, Capacity), CPU the
// server and PostgreSQL share the machine with.
import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'

export type RecordedRequest = { url: string; headers: Record<string, string>; body: string }

/** A fetch that sends as the global one does and notes each request in `into`. */
export const recordingFetch =
  (into: RecordedRequest[]): typeof fetch =>
  async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (typeof init?.body !== 'string' && init?.body !== undefined)
      throw new Error(`${url}: only text bodies can be replayed`)
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value
    })
    into.push({ url, headers, body: init?.body ?? '' })
    return fetch(input, init)
  }

/** A refusal as the server answered it: the HTTP status and the tRPC error's code, if it has one. */
export class ReplayRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly appCode: string | null,
  ) {
    super(`HTTP ${status} ${code}/${appCode ?? '-'}`)
  }
}

const CLIENT_MUTATION_ID = /"clientMutationId":"[0-9a-f-]{36}"/g

/** The body with a fresh clientMutationId wherever it has one: each replay of a write is a new write. */
export const freshWrite = (body: string): string =>
  body.replace(CLIENT_MUTATION_ID, () => `"clientMutationId":"${randomUUID()}"`)

type ErrorShape = { error?: { data?: { code?: string; appCode?: string } } }

const refusalOf = (status: number, text: string): ReplayRefused => {
  try {
    const parsed = JSON.parse(text) as ErrorShape | ErrorShape[]
    const data = (Array.isArray(parsed) ? parsed[0] : parsed)?.error?.data
    return new ReplayRefused(status, data?.code ?? 'UNKNOWN', data?.appCode ?? null)
  } catch {
    return new ReplayRefused(status, 'UNKNOWN', null)
  }
}

/**
 * Sends recorded requests on keep-alive connections, as many at once as are in flight (as the
 * global fetch does). Resolves once the whole answer has arrived; rejects with ReplayRefused on
 * any status but 200, or with the socket's error.
 */
export const replayer = () => {
  const agent = new Agent({ keepAlive: true })
  const send = (recorded: RecordedRequest, body = recorded.body): Promise<void> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        recorded.url,
        {
          method: 'POST',
          agent,
          headers: { ...recorded.headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (answer) => {
          const status = answer.statusCode ?? 0
          if (status === 200) {
            answer.on('end', resolve).on('error', reject).resume()
            return
          }
          const chunks: Buffer[] = []
          answer
            .on('data', (chunk: Buffer) => chunks.push(chunk))
            .on('end', () => reject(refusalOf(status, Buffer.concat(chunks).toString('utf8'))))
            .on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  return { send, close: () => agent.destroy() }
}
