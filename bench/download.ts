// A streamed file downloaded as the app's export button does: with the session's bearer token,
// timed to its first byte and to its end.
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'

export const timedDownload = async (url: string, token: string) => {
  const started = performance.now()
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() } })
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}: ${await response.text()}`)
  let firstByteMs = 0
  const chunks: Buffer[] = []
  for await (const chunk of Readable.fromWeb(response.body as never)) {
    if (!firstByteMs) firstByteMs = performance.now() - started
    chunks.push(Buffer.from(chunk))
  }
  return { file: Buffer.concat(chunks), firstByteMs, totalMs: performance.now() - started }
}
