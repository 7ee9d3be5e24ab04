// Where photo files live (docs/photos.md): a folder under DATA_DIR by default, or an
// S3-compatible bucket when S3_* is configured. Keys are content-addressed
// ("photos/<sha256>", "thumbs/<sha256>"), so a put of an existing key writes the same bytes.
import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Env } from '../../env'
import { EMPTY_PAYLOAD_SHA256, type SigV4Credentials, sha256Hex, signRequest } from './sigv4'

export type PhotoStorage = {
  kind: 'folder' | 's3'
  put: (key: string, bytes: Buffer) => Promise<void>
  /** The object's bytes, or null when there is no such object. */
  get: (key: string) => Promise<Readable | null>
  has: (key: string) => Promise<boolean>
  /** Removes the object; no error when it is already gone. */
  delete: (key: string) => Promise<void>
}

/** Keys are ours, never a client's; checked anyway, so that none can leave the folder or bucket. */
const KEY = /^[a-z]+\/[0-9a-f]{64}$/

const checkedKey = (key: string) => {
  if (!KEY.test(key)) throw new Error(`not a photo storage key: ${JSON.stringify(key)}`)
  return key
}

const isMissing = (error: unknown) => (error as { code?: unknown } | null)?.code === 'ENOENT'

/**
 * Files under `root`, 0600 in 0700 folders. A put writes a temporary file, flushes it and renames
 * it into place, so a reader (or a crash) never sees half a photo.
 */
export const folderStorage = (root: string): PhotoStorage => {
  const fileOf = (key: string) => path.join(root, ...checkedKey(key).split('/'))
  return {
    kind: 'folder',
    put: async (key, bytes) => {
      const file = fileOf(key)
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
      const handle = await open(temp, 'wx', 0o600)
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      try {
        await rename(temp, file)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
    },
    get: async (key) => {
      const file = fileOf(key)
      try {
        // Opened here, so that a missing file is a null and not a stream that fails later.
        const handle = await open(file, 'r')
        // The stream owns the handle and closes it when done.
        return handle.createReadStream()
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
    has: async (key) => {
      try {
        return (await stat(fileOf(key))).isFile()
      } catch (error) {
        if (isMissing(error)) return false
        throw error
      }
    },
    delete: async (key) => {
      await rm(fileOf(key), { force: true })
    },
  }
}

export type S3Options = {
  /** The service's origin, e.g. https://s3.cn-northwest-1.amazonaws.com.cn or http://127.0.0.1:9000 */
  endpoint: string
  bucket: string
  region: string
  credentials: SigV4Credentials
  /** true: <endpoint>/<bucket>/<key>; false: <bucket>.<endpoint host>/<key>. */
  forcePathStyle: boolean
  fetch?: typeof fetch
}

export class S3StorageError extends Error {
  override name = 'S3StorageError'
}

/** An S3-compatible bucket, through signed PutObject, GetObject, HeadObject and DeleteObject. */
export const s3Storage = ({
  endpoint,
  bucket,
  region,
  credentials,
  forcePathStyle,
  fetch: fetchImpl = fetch,
}: S3Options): PhotoStorage => {
  const origin = new URL(endpoint)
  const urlOf = (key: string) => {
    const url = new URL(origin.href)
    const base = url.pathname.replace(/\/+$/, '')
    if (forcePathStyle) url.pathname = `${base}/${bucket}/${checkedKey(key)}`
    else {
      url.hostname = `${bucket}.${url.hostname}`
      url.pathname = `${base}/${checkedKey(key)}`
    }
    return url
  }
  const send = async (method: string, key: string, body?: Buffer) => {
    const url = urlOf(key)
    // fetch sets content-length itself; the body is bound by its hash instead.
    const headers: Record<string, string> = body ? { 'content-type': 'application/octet-stream' } : {}
    const signed = signRequest({
      method,
      url,
      headers,
      payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_SHA256,
      credentials,
      region,
    })
    return fetchImpl(url, {
      method,
      headers: signed.headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
    })
  }
  // The message names the operation and the status, never the URL's credentials or the body.
  const failure = async (what: string, response: Response) => {
    const text = await response.text().catch(() => '')
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1]
    return new S3StorageError(`S3 ${what} failed: HTTP ${response.status}${code ? ` ${code}` : ''}`)
  }
  return {
    kind: 's3',
    put: async (key, bytes) => {
      const response = await send('PUT', key, bytes)
      if (!response.ok) throw await failure('PutObject', response)
      await response.body?.cancel()
    },
    get: async (key) => {
      const response = await send('GET', key)
      if (response.status === 404) {
        await response.body?.cancel()
        return null
      }
      if (!response.ok || !response.body) throw await failure('GetObject', response)
      return Readable.fromWeb(response.body as WebReadableStream)
    },
    has: async (key) => {
      const response = await send('HEAD', key)
      if (response.status === 404) return false
      if (!response.ok) throw await failure('HeadObject', response)
      return true
    },
    delete: async (key) => {
      const response = await send('DELETE', key)
      if (!response.ok && response.status !== 404) throw await failure('DeleteObject', response)
      await response.body?.cancel()
    },
  }
}

/** The store the configuration names: S3 when S3_* is set (env.ts checks it is complete), else the folder. */
export const photoStorageFromEnv = (env: Env): PhotoStorage =>
  env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
    ? s3Storage({
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : folderStorage(path.join(env.dataDir, 'photos'))
