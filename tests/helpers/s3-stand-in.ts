// A tiny S3 on 127.0.0.1 for the photo store's tests: path-style PutObject, GetObject, HeadObject
// and DeleteObject on one bucket, in memory. Every request must carry a valid AWS Signature
// Version 4, checked here with an implementation of its own written from the AWS documentation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), not with the
// server's signer: a mistake shared by both would otherwise pass unnoticed.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'

export type S3StandIn = {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  objects: Map<string, Buffer>
  /** Every request, with whether its signature held. */
  requests: { method: string; key: string; isSigned: boolean; status: number }[]
}

const hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Whether the request is signed with the secret, per SigV4's four steps; the reason when not. */
const checkSignature = (
  req: IncomingMessage,
  body: Buffer,
  { accessKeyId, secretAccessKey, region }: Pick<S3StandIn, 'accessKeyId' | 'secretAccessKey' | 'region'>,
): string | null => {
  const auth = req.headers.authorization ?? ''
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    )
  if (!match) return 'no SigV4 authorization header'
  const [, keyId, date, scopeRegion, signedHeaders, signature] = match as unknown as string[]
  if (keyId !== accessKeyId) return 'unknown access key'
  if (scopeRegion !== region) return 'wrong region'
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  if (amzDate.slice(0, 8) !== date) return 'x-amz-date does not match the scope'
  const stamp = Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  )
  if (Math.abs(Date.now() - stamp) > 15 * 60_000) return 'request time too skewed'
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '')
  if (payloadHash !== hex(body)) return 'x-amz-content-sha256 is not the body’s hash'
  const names = (signedHeaders as string).split(';')
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256'])
    if (!names.includes(required)) return `${required} is not signed`
  const url = new URL(req.url ?? '/', 'http://stand-in')
  // Step 1: the canonical request. The path is as sent (already URI-encoded once, as S3 wants).
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&')
  const headerLines = names.map(
    (name) =>
      `${name}:${String(req.headers[name] ?? '')
        .trim()
        .replace(/\s+/g, ' ')}\n`,
  )
  const canonical = [req.method, url.pathname, query, headerLines.join(''), signedHeaders, payloadHash].join('\n')
  // Step 2: the string to sign.
  const scope = `${date}/${region}/s3/aws4_request`
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hex(canonical)}`
  // Step 3: the signing key. Step 4: the signature.
  const kDate = hmac(`AWS4${secretAccessKey}`, date as string)
  const kSigning = hmac(hmac(hmac(kDate, region), 's3'), 'aws4_request')
  const expected = createHmac('sha256', kSigning).update(stringToSign).digest()
  return timingSafeEqual(expected, Buffer.from(signature as string, 'hex')) ? null : 'signature does not match'
}

const errorXml = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`

export const startS3StandIn = async (): Promise<S3StandIn> => {
  const standIn: Omit<S3StandIn, 'endpoint'> = {
    bucket: 'pdrl-photos',
    region: 'cn-northwest-1',
    accessKeyId: 'AKIDSTANDIN0000000001',
    secretAccessKey: 'stand-in/secret+key/0123456789abcdefghij',
    objects: new Map(),
    requests: [],
  }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req)
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname
    const prefix = `/${standIn.bucket}/`
    const key = path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : ''
    const answer = (status: number, payload?: Buffer | string, type = 'application/xml') => {
      const isSigned = status !== 403
      standIn.requests.push({ method: req.method ?? '', key, isSigned, status })
      res.statusCode = status
      if (payload !== undefined) res.setHeader('content-type', type)
      res.end(req.method === 'HEAD' ? undefined : payload)
    }
    const problem = checkSignature(req, body, standIn)
    if (problem) return answer(403, errorXml('SignatureDoesNotMatch'))
    if (!key) return answer(404, errorXml('NoSuchBucket'))
    if (req.method === 'PUT') {
      standIn.objects.set(key, body)
      return answer(200, '')
    }
    const object = standIn.objects.get(key)
    if (req.method === 'DELETE') {
      standIn.objects.delete(key)
      return answer(204)
    }
    if (!object) return answer(404, errorXml('NoSuchKey'))
    if (req.method === 'HEAD') {
      res.setHeader('content-length', String(object.length))
      return answer(200)
    }
    if (req.method === 'GET') return answer(200, object, 'application/octet-stream')
    return answer(405, errorXml('MethodNotAllowed'))
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.statusCode = 500
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const { port } = server.address() as AddressInfo
  return { ...standIn, endpoint: `http://127.0.0.1:${port}` }
}
