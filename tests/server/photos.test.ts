// Photos as evidence (docs/photos.md) over real HTTP: the type read from the bytes, the size
// limit, metadata really gone and the orientation applied, the size caps and thumbnail, dedupe by
// content hash, scope on upload, download, list and removal; and the S3 store, signed with SigV4,
// against a stand-in S3 that checks every signature itself.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Caller, callerFor } from '../../server/caller'
import { parseEnv } from '../../server/env'
import { photoKey, thumbnailKey } from '../../server/services/photos/photo-blobs'
import { deriveSigningKey, EMPTY_PAYLOAD_SHA256, signRequest } from '../../server/services/photos/sigv4'
import { folderStorage, type PhotoStorage, photoStorageFromEnv } from '../../server/services/photos/storage'
import { CHINESE, failureOf } from '../helpers/errors'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { serveWorld } from '../helpers/http-world'
import { startS3StandIn } from '../helpers/s3-stand-in'
import { createWorld, type World } from '../helpers/world'

type PhotoBody = {
  id: string
  sha256: string
  mime: string
  width: number
  height: number
  bytes: number
  thumbnailBytes: number
  url: string
  thumbnailUrl: string
  isNew: boolean
}
type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } }

const MAX_BYTES = 256 * 1024

let world: World
let dir: string
let storage: PhotoStorage
let deps: World['deps']
let baseUrl: string
let tokens: Record<'admin' | 'secretary' | 'cadre' | 'member' | 'otherCadre' | 'resident', string>
let activityId: string
let visitId: string
let donationId: string
let householdId: string
let callers: Record<'secretary' | 'cadre' | 'otherCadre', Caller>

beforeAll(async () => {
  world = await createWorld()
  dir = await mkdtemp(path.join(tmpdir(), 'pdrl-photos-'))
  storage = folderStorage(dir)
  deps = { ...world.deps, photos: { storage, maxBytes: MAX_BYTES } }
  const served = await serveWorld({ ...world, deps }, [
    'admin',
    'secretary',
    'cadre',
    'member',
    'otherCadre',
    'resident',
  ])
  baseUrl = served.baseUrl
  tokens = served.tokens
  const { villages, orgs, users } = world.ref
  activityId = (
    await world.secretary.activity.create(activityInput(orgs.bureauBranch.id, { villageId: villages.qianyue.id }))
  ).id
  householdId = (await world.cadre.household.create(householdInput(villages.qianyue.id))).id
  visitId = (await world.cadre.visit.create({ target: 'HOUSEHOLD', householdId, visitedOn: '2025-01-23' })).id
  donationId = (await world.secretary.donation.create(cashDonationInput(villages.qianyue.id, 10_000))).id
  callers = {
    secretary: await callerFor(deps, users.secretary.id),
    cadre: await callerFor(deps, users.cadre.id),
    otherCadre: await callerFor(deps, users.otherCadre.id),
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const upload = (
  token: string | null,
  query: Record<string, string>,
  bytes: Buffer,
  { filename = 'photo.jpg', type = 'image/jpeg' } = {},
) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  return fetch(`${baseUrl}/uploads/photo?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  })
}

const download = (token: string | null, url: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${url}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } })

const expectRefused = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status)
  const body = (await response.json()) as ErrorBody
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(CHINESE)
  return body
}

/** Files under a storage folder, e.g. "photos". */
const filesIn = async (sub: string) => readdir(path.join(dir, sub)).catch(() => [] as string[])

const bufferOf = async (stream: NodeJS.ReadableStream | null) => {
  if (!stream) throw new Error('no such object')
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** 2400×1200, red on the left and blue on the right, EXIF orientation 6 (turn 90° clockwise), GPS and a marker. */
const exifJpeg = async () => {
  const red = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer()
  return sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#0000ff' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg()
    .withExif({
      IFD0: { ImageDescription: 'SECRET-MARKER', Make: 'TestCam', Model: 'Phone 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '36/1 40/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '101/1 45/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

const flat = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })

/** The RGB of one pixel of an image. */
const pixelAt = async (bytes: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at], data[at + 1], data[at + 2]] as number[]
}

describe('the upload: type by content', () => {
  it('refuses a .jpg that is really HTML, in Chinese, and keeps nothing', async () => {
    const before = await world.deps.prisma.photo.count()
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')
    await expectRefused(await upload(tokens.cadre, { visitId }, html, { filename: 'evidence.jpg' }), 415, 'PHOTO_TYPE')
    expect(await world.deps.prisma.photo.count()).toBe(before)
  })

  it('refuses a file that starts like a JPEG but is not one', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)])
    await expectRefused(await upload(tokens.cadre, { visitId }, fake), 400, 'PHOTO_UNREADABLE')
  })

  it('accepts PNG, WebP and JPEG whatever the name and declared type, and keeps each in its own type', async () => {
    const cases = [
      { bytes: await flat(300, 200, '#00aa00').png().toBuffer(), mime: 'image/png', format: 'png' },
      { bytes: await flat(300, 200, '#aa00aa').webp().toBuffer(), mime: 'image/webp', format: 'webp' },
      { bytes: await flat(300, 200, '#aaaa00').jpeg().toBuffer(), mime: 'image/jpeg', format: 'jpeg' },
    ]
    for (const { bytes, mime, format } of cases) {
      // Named and declared as something else: the bytes decide.
      const response = await upload(tokens.cadre, { visitId }, bytes, { filename: 'scan.gif', type: 'image/gif' })
      expect(response.status, mime).toBe(201)
      const photo = (await response.json()) as PhotoBody
      expect(photo).toMatchObject({ mime, width: 300, height: 200, isNew: true })
      const stored = await bufferOf(await storage.get(photoKey(photo.sha256)))
      expect((await sharp(stored).metadata()).format).toBe(format)
      expect(sha256(stored)).toBe(photo.sha256)
      expect(stored.length).toBe(photo.bytes)
    }
  })

  it('refuses a photo over the size limit with 413', async () => {
    // Noise does not compress: well over 256 KB as a PNG.
    const noise = await sharp(randomBytes(500 * 500 * 3), { raw: { width: 500, height: 500, channels: 3 } })
      .png()
      .toBuffer()
    expect(noise.length).toBeGreaterThan(MAX_BYTES)
    const body = await expectRefused(await upload(tokens.cadre, { visitId }, noise), 413, 'PHOTO_TOO_LARGE')
    expect(body.error.message).toContain('0.3 MB')
  })
})

describe('the upload: what is kept', () => {
  let photo: PhotoBody
  let original: Buffer

  beforeAll(async () => {
    original = await exifJpeg()
    const before = await sharp(original).metadata()
    // The test's own premise: the upload carries EXIF with GPS, an orientation and an ICC profile.
    expect(before.orientation).toBe(6)
    expect(before.exif?.includes('SECRET-MARKER')).toBe(true)
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true) // the GPS IFD pointer, tag 0x8825
    const response = await upload(
      tokens.cadre,
      { visitId, capturedPlace: '马德林家院内', takenAt: '2025-01-23T10:30:00+08:00' },
      original,
    )
    expect(response.status).toBe(201)
    photo = (await response.json()) as PhotoBody
  })

  it('has no EXIF (so no GPS), XMP, IPTC or ICC left, and is turned upright', async () => {
    const stored = await bufferOf(await storage.get(photoKey(photo.sha256)))
    const meta = await sharp(stored).metadata()
    expect(meta.format).toBe('jpeg')
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(meta.iptc).toBeUndefined()
    expect(meta.icc).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
    expect(stored.includes('SECRET-MARKER')).toBe(false)
    expect(stored.includes('Exif')).toBe(false)
    // 2400×1200 turned a quarter clockwise is 1200×2400; capped at 1600 on the long side.
    expect([meta.width, meta.height]).toEqual([800, 1600])
    expect([photo.width, photo.height]).toEqual([800, 1600])
    // The red left half is now on top.
    const [r, , b] = await pixelAt(stored, 400, 200)
    expect(r).toBeGreaterThan(200)
    expect(b).toBeLessThan(60)
    const [r2, , b2] = await pixelAt(stored, 400, 1400)
    expect(b2).toBeGreaterThan(200)
    expect(r2).toBeLessThan(60)
  })

  it('caps the long side at 1600 px whatever the shape', async () => {
    const response = await upload(tokens.cadre, { visitId }, await flat(4000, 300, '#123456').png().toBuffer())
    expect(response.status).toBe(201)
    expect((await response.json()) as PhotoBody).toMatchObject({ width: 1600, height: 120 })
  })

  it('makes a WebP thumbnail, 320 px on the long side', async () => {
    const thumb = await bufferOf(await storage.get(thumbnailKey(photo.sha256)))
    const meta = await sharp(thumb).metadata()
    expect(meta.format).toBe('webp')
    expect([meta.width, meta.height]).toEqual([160, 320])
    expect(meta.exif).toBeUndefined()
    expect(thumb.length).toBe(photo.thumbnailBytes)
  })

  it('stores what the uploader said, and audits the new photo without the place', async () => {
    const row = await world.deps.prisma.photo.findUniqueOrThrow({ where: { id: photo.id } })
    expect(row).toMatchObject({ visitId, activityId: null, donationId: null, capturedPlace: '马德林家院内' })
    expect(row.uploadedById).toBe(world.ref.users.cadre.id)
    expect(row.takenAt?.toISOString()).toBe('2025-01-23T02:30:00.000Z')
    const entries = await world.deps.prisma.auditLog.findMany({ where: { action: 'photo.create', entityId: photo.id } })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorId: world.ref.users.cadre.id,
      entityType: 'Photo',
      after: { visitId, sha256: photo.sha256 },
    })
    expect(JSON.stringify(entries[0]?.after)).not.toContain('马德林')
  })

  it('dedupes by content hash: the same bytes again give the same Photo, and one file across records', async () => {
    const again = await upload(tokens.cadre, { visitId }, original)
    expect(again.status).toBe(200)
    const second = (await again.json()) as PhotoBody
    expect(second).toMatchObject({ id: photo.id, isNew: false })
    expect(await world.deps.prisma.photo.count({ where: { sha256: photo.sha256 } })).toBe(1)
    expect(await world.deps.prisma.auditLog.count({ where: { action: 'photo.create', entityId: photo.id } })).toBe(1)
    // The same bytes for another record: a Photo of its own, the same single file.
    const other = await upload(tokens.secretary, { activityId }, original)
    expect(other.status).toBe(201)
    const onActivity = (await other.json()) as PhotoBody
    expect(onActivity.id).not.toBe(photo.id)
    expect(onActivity.sha256).toBe(photo.sha256)
    expect((await filesIn('photos')).filter((name) => name === photo.sha256)).toHaveLength(1)
    expect((await filesIn('photos')).filter((name) => name.includes('.tmp'))).toEqual([])
    expect((await stat(path.join(dir, 'photos', photo.sha256))).mode & 0o777).toBe(0o600)
  })
})

describe('who may upload', () => {
  const jpeg = () => flat(64, 64, '#808080').jpeg().toBuffer()

  it('signs in first, then checks the roles of the record’s update procedure', async () => {
    await expectRefused(await upload(null, { visitId }, await jpeg()), 401, 'UNAUTHENTICATED')
    await expectRefused(await upload(tokens.resident, { visitId }, await jpeg()), 403, 'FORBIDDEN')
    // Activities and donations are the secretaries' (activity.update, donation.update).
    await expectRefused(await upload(tokens.member, { activityId }, await jpeg()), 403, 'FORBIDDEN')
    await expectRefused(await upload(tokens.cadre, { donationId }, await jpeg()), 403, 'FORBIDDEN')
  })

  it('answers a record out of scope as one that does not exist', async () => {
    const outOfScope = await expectRefused(await upload(tokens.otherCadre, { visitId }, await jpeg()), 404, 'NOT_FOUND')
    const missing = await expectRefused(
      await upload(tokens.otherCadre, { visitId: randomUUID() }, await jpeg()),
      404,
      'NOT_FOUND',
    )
    expect(outOfScope.error.message).toBe(missing.error.message)
    // A member sees the visit but did not log it and does not keep the village's records.
    await expectRefused(await upload(tokens.member, { visitId }, await jpeg()), 403, 'FORBIDDEN')
    expect((await upload(tokens.secretary, { donationId }, await jpeg())).status).toBe(201)
  })

  it('refuses a query with no record, two records or unknown parameters, and a body that is not a form', async () => {
    const queries: Record<string, string>[] = [{}, { visitId, activityId }, { visitId, extra: '1' }]
    for (const query of queries) {
      const body = await expectRefused(await upload(tokens.cadre, query, await jpeg()), 400, 'VALIDATION_FAILED')
      expect(body.error.message).toMatch(CHINESE)
    }
    const json = await fetch(`${baseUrl}/uploads/photo?visitId=${visitId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.cadre}`, 'content-type': 'application/json' },
      body: '{}',
    })
    await expectRefused(json, 415, 'PHOTO_NOT_MULTIPART')
  })

  it('refuses photos for a voided donation', async () => {
    const donation = await world.secretary.donation.create(cashDonationInput(world.ref.villages.qianyue.id, 5_000))
    await world.secretary.donation.void({ id: donation.id, version: donation.version, reason: '重复登记' })
    await expectRefused(
      await upload(tokens.secretary, { donationId: donation.id }, await jpeg()),
      409,
      'DONATION_ALREADY_VOIDED',
    )
  })
})

describe('downloads, listing and removal', () => {
  let photo: PhotoBody
  let stored: Buffer

  beforeAll(async () => {
    const response = await upload(tokens.secretary, { activityId }, await flat(900, 600, '#336699').jpeg().toBuffer())
    photo = (await response.json()) as PhotoBody
    stored = await bufferOf(await storage.get(photoKey(photo.sha256)))
  })

  it('serves the file to the uploader’s branch and the village, with type, ETag and private caching', async () => {
    for (const token of [tokens.member, tokens.cadre, tokens.admin]) {
      const response = await download(token, photo.url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/jpeg')
      expect(response.headers.get('etag')).toBe(`"${photo.sha256}"`)
      expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/)
      expect(Buffer.from(await response.arrayBuffer()).equals(stored)).toBe(true)
    }
    const thumb = await download(tokens.member, photo.thumbnailUrl)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320)
    const revalidated = await download(tokens.member, photo.url, { 'if-none-match': `"${photo.sha256}"` })
    expect(revalidated.status).toBe(304)
  })

  it('answers another village’s cadre exactly as for a photo that does not exist', async () => {
    const outOfScope = await expectRefused(await download(tokens.otherCadre, photo.url), 404, 'NOT_FOUND')
    const missing = await expectRefused(await download(tokens.otherCadre, `/photos/${randomUUID()}`), 404, 'NOT_FOUND')
    expect(outOfScope).toEqual({ error: { ...missing.error, requestId: expect.any(String) } })
    await expectRefused(await download(tokens.otherCadre, photo.thumbnailUrl), 404, 'NOT_FOUND')
    await expectRefused(await download(tokens.resident, photo.url), 403, 'FORBIDDEN')
    await expectRefused(await download(null, photo.url), 401, 'UNAUTHENTICATED')
    await expectRefused(await download(tokens.member, '/photos/not-a-uuid'), 404, 'NOT_FOUND')
  })

  it('lists a record’s photos to those who see it', async () => {
    const listed = await callers.cadre.photo.listFor({ activityId })
    expect(listed.items.map((p) => p.id)).toContain(photo.id)
    expect(listed.items.find((p) => p.id === photo.id)).toMatchObject({
      mime: 'image/jpeg',
      width: 900,
      height: 600,
      url: photo.url,
      thumbnailUrl: photo.thumbnailUrl,
    })
    // The blob keys stay inside.
    expect(listed.items[0]).not.toHaveProperty('storageKey')
    expect(JSON.stringify(listed)).not.toContain(`photos/${photo.sha256}`)
    expect((await failureOf(callers.otherCadre.photo.listFor({ activityId }))).code).toBe('NOT_FOUND')
    expect((await failureOf(callers.cadre.photo.listFor({ activityId, visitId }))).code).toBe('BAD_REQUEST')
  })

  it('lets the uploader remove a photo, keeping the file while another photo uses it', async () => {
    // Two records with the same bytes.
    const bytes = await flat(500, 500, '#654321').jpeg().toBuffer()
    const onVisit = (await (await upload(tokens.cadre, { visitId }, bytes)).json()) as PhotoBody
    const onActivity = (await (await upload(tokens.secretary, { activityId }, bytes)).json()) as PhotoBody
    expect(onVisit.sha256).toBe(onActivity.sha256)

    // The village's cadre did not upload the activity's photo and may not edit the activity.
    const refused = await failureOf(callers.cadre.photo.remove({ id: onActivity.id, clientMutationId: randomUUID() }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) })
    expect((await failureOf(callers.otherCadre.photo.remove({ id: onActivity.id }))).code).toBe('NOT_FOUND')

    expect(await callers.secretary.photo.remove({ id: onActivity.id, clientMutationId: randomUUID() })).toEqual({
      id: onActivity.id,
      isRemoved: true,
    })
    await expectRefused(await download(tokens.secretary, onActivity.url), 404, 'NOT_FOUND')
    expect(await storage.has(photoKey(onVisit.sha256))).toBe(true)
    expect((await download(tokens.cadre, onVisit.url)).status).toBe(200)

    // The last photo with those bytes: the file and thumbnail go with it.
    await callers.cadre.photo.remove({ id: onVisit.id, clientMutationId: randomUUID() })
    expect(await storage.has(photoKey(onVisit.sha256))).toBe(false)
    expect(await storage.has(thumbnailKey(onVisit.sha256))).toBe(false)
    expect(await world.deps.prisma.photo.count({ where: { id: { in: [onVisit.id, onActivity.id] } } })).toBe(0)
    const removals = await world.deps.prisma.auditLog.findMany({
      where: { action: 'photo.remove', entityId: { in: [onVisit.id, onActivity.id] } },
    })
    expect(removals.map((e) => e.actorId).sort()).toEqual(
      [world.ref.users.secretary.id, world.ref.users.cadre.id].sort(),
    )
  })
})

describe('S3 storage', () => {
  it('derives the signing key of the AWS SigV4 documentation’s example', () => {
    // https://docs.aws.amazon.com/general/latest/gr/signature-v4-examples.html
    const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam')
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d')
  })

  it('signs the S3 documentation’s GET Object and PUT Object examples to their published signatures', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
    const credentials = {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    }
    const get = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9', 'x-amz-date': '20130524T000000Z' },
      payloadHash: EMPTY_PAYLOAD_SHA256,
      credentials,
      region: 'us-east-1',
    })
    expect(get.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41')
    expect(get.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
    const put = signRequest({
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
      headers: {
        Date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: sha256(Buffer.from('Welcome to Amazon S3.')),
      credentials,
      region: 'us-east-1',
    })
    expect(put.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd')
  })

  it('round-trips an upload and a download through a stand-in S3 configured by S3_* env', async () => {
    const s3 = await startS3StandIn()
    const s3Env = {
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      PHOTO_MAX_BYTES: String(MAX_BYTES),
    }
    const env = parseEnv(s3Env)
    const s3Storage = photoStorageFromEnv(env)
    expect(s3Storage.kind).toBe('s3')
    const s3Deps = { ...world.deps, photos: { storage: s3Storage, maxBytes: env.PHOTO_MAX_BYTES } }
    const served = await serveWorld({ ...world, deps: s3Deps }, ['cadre'])
    // A visit of its own: the folder-backed tests above already keep these bytes for theirs.
    const s3VisitId = (await world.cadre.visit.create({ target: 'HOUSEHOLD', householdId, visitedOn: '2025-01-24' })).id
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await exifJpeg())], { type: 'image/jpeg' }), 'p.jpg')
    const response = await fetch(`${served.baseUrl}/uploads/photo?visitId=${s3VisitId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${served.tokens.cadre}` },
      body: form,
    })
    expect(response.status).toBe(201)
    const photo = (await response.json()) as PhotoBody
    expect([...s3.objects.keys()].sort()).toEqual([photoKey(photo.sha256), thumbnailKey(photo.sha256)].sort())
    expect(sha256(s3.objects.get(photoKey(photo.sha256)) as Buffer)).toBe(photo.sha256)
    const downloaded = await fetch(`${served.baseUrl}${photo.url}`, {
      headers: { authorization: `Bearer ${served.tokens.cadre}` },
    })
    expect(downloaded.status).toBe(200)
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(s3.objects.get(photoKey(photo.sha256)) as Buffer)).toBe(
      true,
    )
    // Every call was signed, and checked: HEAD before each PUT, then the GET.
    expect(s3.requests.map((r) => r.method)).toEqual(expect.arrayContaining(['HEAD', 'PUT', 'GET']))
    expect(s3.requests.every((r) => r.isSigned)).toBe(true)

    // A wrong secret is refused by the stand-in, and surfaces as an error naming the operation only.
    const wrong = photoStorageFromEnv(parseEnv({ ...s3Env, S3_SECRET_ACCESS_KEY: 'not-the-secret' }))
    await expect(wrong.has(photoKey(photo.sha256))).rejects.toThrow(/HeadObject failed: HTTP 403/)
    await expect(wrong.put(photoKey(photo.sha256), Buffer.from('x'))).rejects.toThrow(
      /PutObject failed: HTTP 403 SignatureDoesNotMatch/,
    )
  })

  it('refuses half an S3 configuration at start-up, naming what is missing', () => {
    expect(() => parseEnv({ S3_BUCKET: 'pdrl-photos' })).toThrow(/S3_ENDPOINT: is required/)
    expect(() => parseEnv({ PHOTO_MAX_BYTES: '12' })).toThrow(/PHOTO_MAX_BYTES/)
  })
})
