// Photos as evidence (docs/photos.md), as plain HTTP: tRPC answers JSON only.
//   POST /uploads/photo?activityId=…|visitId=…|donationId=…|handoverId=…[&takenAt=…&capturedPlace=…]
//        multipart/form-data with one file (any field name; `file` by convention). For whoever may
//        edit the record (the roles of its update procedure, then its write scope). The type is
//        read from the file's first bytes; the photo is stripped of all metadata, resized and
//        stored by content hash. Answers the Photo as JSON: 201 when new, 200 when the same bytes
//        were already kept for that record.
//   GET  /photos/:id and /photos/:id/thumb
//        For whoever sees the record (staff, each in their scope); NOT_FOUND otherwise, as for a
//        photo that does not exist. ETag is the content hash; privately cacheable.
// Signed in by `Authorization: Bearer`, as the API; errors as the exports' (http-errors.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ZUploadPhotoRequestSchema } from '../../common/contracts/photo/upload-photo'
import type { AppDeps } from '../context'
import { AppError } from '../errors'
import { isDatabaseUnavailable } from '../lib/db-errors'
import { STAFF_ROLES } from '../services/auth/actor'
import { findVisiblePhoto } from '../services/photos/find-photo'
import { ATTACH_ROLES, assertMayAttach, photoTargetOf } from '../services/photos/photo-records'
import { processPhoto, THUMBNAIL_TYPE } from '../services/photos/process-photo'
import { storePhoto } from '../services/photos/store-photo'
import { authorise } from './authorise-request'
import { registerSignatureRoute } from './handover-signatures'
import { sendAppError, sendHttpError, sendInternalError, sendQueryRefusal } from './http-errors'
import { type IsOverLimit, limitedBy } from './rate-limits'
import { registerUploadScope } from './upload-scope'

/** Browsers may keep a photo for an hour: long enough for scrolling a list, short enough for a removal to show. */
const PHOTO_CACHE_CONTROL = 'private, max-age=3600'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

const uploadError = (error: unknown, maxBytes: number) => {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('PHOTO_TOO_LARGE', {
      message: `照片超过 ${megabytes(maxBytes)}，请压缩或选择较小的照片后再上传`,
    })
  if (code === 'FST_FILES_LIMIT') return new AppError('PHOTO_FILE_MISSING', { message: '一次只能上传一张照片' })
  if (typeof code === 'string' && code.startsWith('FST_')) return new AppError('PHOTO_UNREADABLE')
  return error
}

/** The uploaded file's bytes. Its name and declared type are ignored: the bytes say what it is. */
const uploadedFile = async (req: FastifyRequest, maxBytes: number): Promise<Buffer> => {
  if (!req.isMultipart()) throw new AppError('PHOTO_NOT_MULTIPART')
  try {
    const file = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } })
    if (!file) throw new AppError('PHOTO_FILE_MISSING')
    const bytes = await file.toBuffer()
    // toBuffer notices the limit only between chunks: a cut on a chunk's end returns the truncated
    // bytes without an error. Answered as the limit's own error (uploadError, below).
    if (file.file.truncated) throw Object.assign(new Error('truncated'), { code: 'FST_REQ_FILE_TOO_LARGE' })
    return bytes
  } catch (error) {
    throw uploadError(error, maxBytes)
  }
}

const sendPhotoError = (req: FastifyRequest, reply: FastifyReply, error: unknown) => {
  if (error instanceof AppError) return sendAppError(reply, error)
  if (isDatabaseUnavailable(error)) return sendHttpError(reply, 'DATABASE_UNAVAILABLE')
  return sendInternalError(req, reply, error, 'photo request')
}

export const registerPhotoRoutes = async (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) => {
  const onRequest = limitedBy(isOverLimit)

  await registerUploadScope(app, deps.photos?.maxBytes ?? 1, (scope) => {
    scope.post('/uploads/photo', {
      onRequest,
      handler: async (req, reply) => {
        reply.header('cache-control', 'no-store')
        const parsed = ZUploadPhotoRequestSchema.safeParse(req.query ?? {})
        // The record's kind decides the roles; a bad query is answered after sign-in.
        const roles = parsed.success ? ATTACH_ROLES[photoTargetOf(parsed.data).kind] : STAFF_ROLES
        const ctx = await authorise(deps, req, reply, roles)
        if (!ctx) return reply
        if (!parsed.success) return sendQueryRefusal(reply, parsed.error.issues, '上传参数有误，请重试')
        const { photos } = deps
        if (!photos) return sendHttpError(reply, 'PHOTO_STORAGE_UNAVAILABLE')
        const query = parsed.data
        const target = photoTargetOf(query)
        try {
          // Scope before the file is read: nothing is decoded for a record the caller may not edit.
          await assertMayAttach(ctx, target)
          const processed = await processPhoto(await uploadedFile(req, photos.maxBytes))
          const stored = await deps.prisma.$transaction(
            (tx) =>
              storePhoto({
                ctx: { ...ctx, db: tx },
                storage: photos.storage,
                target,
                photo: processed,
                takenAt: query.takenAt ? new Date(query.takenAt) : undefined,
                capturedPlace: query.capturedPlace,
              }),
            // The file is written inside it (to S3, perhaps): more than the 5 s default.
            { timeout: 60_000 },
          )
          return reply.code(stored.isNew ? 201 : 200).send({ ...stored.photo, isNew: stored.isNew })
        } catch (error) {
          return sendPhotoError(req, reply, error)
        }
      },
    })
  })

  const download = (variant: 'photo' | 'thumb') => async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store')
    const ctx = await authorise(deps, req, reply, STAFF_ROLES)
    if (!ctx) return reply
    const { id } = req.params as { id: string }
    try {
      if (!UUID.test(id)) throw new AppError('NOT_FOUND')
      const { photos } = deps
      if (!photos) throw new AppError('PHOTO_STORAGE_UNAVAILABLE')
      const photo = await findVisiblePhoto({ ctx, id: id.toLowerCase() })
      const etag = variant === 'photo' ? `"${photo.sha256}"` : `"${photo.sha256}-thumb"`
      reply.header('cache-control', PHOTO_CACHE_CONTROL).header('etag', etag).header('vary', 'authorization')
      const ifNoneMatch = req.headers['if-none-match']
      if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.code(304).send()
      const stream = await photos.storage.get(variant === 'photo' ? photo.storageKey : photo.thumbnailKey)
      if (!stream) {
        // The row is there but its file is not: an operator's problem, not the user's.
        req.log.error({ photoId: photo.id, variant }, 'photo file missing from storage')
        throw new AppError('NOT_FOUND')
      }
      reply
        .header('content-type', variant === 'photo' ? photo.mime : THUMBNAIL_TYPE)
        .header('content-disposition', 'inline')
      if (variant === 'photo') reply.header('content-length', String(photo.bytes))
      return reply.send(stream)
    } catch (error) {
      reply.header('cache-control', 'no-store').removeHeader('etag').removeHeader('vary')
      return sendPhotoError(req, reply, error)
    }
  }

  // No HEAD: it would read the file only to throw it away.
  app.get('/photos/:id', { exposeHeadRoute: false, onRequest, handler: download('photo') })
  app.get('/photos/:id/thumb', { exposeHeadRoute: false, onRequest, handler: download('thumb') })
  // A handover's signature is kept in the same store, and served in the same way.
  registerSignatureRoute(app, deps, onRequest)
}
