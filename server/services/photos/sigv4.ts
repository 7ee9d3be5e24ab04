// AWS Signature Version 4 for the few S3 calls the photo store makes (PUT, GET, HEAD and DELETE of
// one object), with node:crypto alone: the AWS SDK would add megabytes for four requests.
// The algorithm, step by step:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html and, for S3's
// own rules (single URI encoding, x-amz-content-sha256),
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
import { createHash, createHmac } from 'node:crypto'

export type SigV4Credentials = { accessKeyId: string; secretAccessKey: string }

export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest()

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export const deriveSigningKey = (secretAccessKey: string, date: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request')

/** RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - . _ ~). */
const encodeRfc3986 = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** S3 encodes each path segment once, keeping the slashes. */
export const canonicalUri = (pathname: string): string =>
  pathname
    .split('/')
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join('/') || '/'

const canonicalQuery = (params: URLSearchParams): string =>
  [...params.entries()]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')

/** 20130524T000000Z */
export const amzDateOf = (now: Date): string =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

export type SignInput = {
  method: string
  url: URL
  /** Headers to sign besides host (which is taken from the URL); names in any case. */
  headers: Record<string, string>
  /** Hex SHA-256 of the body, sent as x-amz-content-sha256 unless `headers` already has it. */
  payloadHash: string
  credentials: SigV4Credentials
  region: string
  service?: string
  now?: Date
}

export type Signed = {
  /** The headers to send: the input's, plus x-amz-date, x-amz-content-sha256 and authorization. */
  headers: Record<string, string>
  canonicalRequest: string
  stringToSign: string
  signature: string
}

export const signRequest = ({
  method,
  url,
  headers,
  payloadHash,
  credentials,
  region,
  service = 's3',
  now = new Date(),
}: SignInput): Signed => {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  const amzDate = lower['x-amz-date'] ?? amzDateOf(now)
  const date = amzDate.slice(0, 8)
  const toSign: Record<string, string> = {
    ...lower,
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': lower['x-amz-content-sha256'] ?? payloadHash,
  }
  const names = Object.keys(toSign).sort()
  const canonicalHeaders = names.map((name) => `${name}:${String(toSign[name]).trim().replace(/\s+/g, ' ')}\n`).join('')
  const signedHeaders = names.join(';')
  const canonicalRequest = [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    canonicalHeaders,
    signedHeaders,
    toSign['x-amz-content-sha256'],
  ].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const signature = createHmac('sha256', deriveSigningKey(credentials.secretAccessKey, date, region, service))
    .update(stringToSign, 'utf8')
    .digest('hex')
  const { host: _host, ...sent } = toSign
  return {
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    canonicalRequest,
    stringToSign,
    signature,
  }
}
