// File imports (docs/exports.md): POST /imports/household-roster, a multipart/form-data upload (WeChat's
// Taro.uploadFile and a browser's FormData both send one), with the options in the query string:
//   ?mode=dry-run&villageId=…                         checks the file; writes nothing
//   ?mode=commit&villageId=…&digest=…&clientMutationId=…   writes every household, or none
// Signed in by `Authorization: Bearer` as the API, for the roles of household.create
// (cadreProcedure), in a village whose records the caller keeps. The file's part may have any
// field name (`file` by convention). Answers JSON; errors as the exports' (http-errors.ts), with
// the row-by-row report beside the error when a commit finds problems. docs/exports.md, "Import".
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ZRosterImportRequestSchema } from '../../common/contracts/import/household-roster-import'
import type { AppDeps } from '../context'
import { AppError, fieldErrorsOf, internalErrorMessage } from '../errors'
import { isDatabaseUnavailable, isUniqueViolation } from '../lib/db-errors'
import { ROSTER_ROLES } from '../services/auth/actor'
import { IMPORT_MAX_BYTES } from '../services/imports/household-roster-columns'
import {
  commitRoster,
  dryRunRoster,
  ImportHasErrors,
  parseRosterFile,
} from '../services/imports/household-roster-import'
import { keepsRecordsOf } from '../services/scope'
import { authorise } from './authorise-request'
import { sendHttpError, statusOf } from './http-errors'
import { registerVillageImportRoute } from './village-imports'

type IsOverLimit = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>

/** The uploaded file's bytes; refusals as AppErrors. Read only after sign-in and the checks. */
export const uploadedFile = async (req: FastifyRequest): Promise<Buffer> => {
  if (!req.isMultipart()) throw new AppError('IMPORT_NOT_MULTIPART')
  let file: Awaited<ReturnType<FastifyRequest['file']>>
  try {
    file = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 20, parts: 25 } })
  } catch (error) {
    throw uploadError(error)
  }
  if (!file) throw new AppError('IMPORT_FILE_MISSING')
  if (/\.(xls|csv|et|ods|numbers)$/i.test(file.filename)) throw new AppError('IMPORT_FILE_TYPE')
  let bytes: Buffer
  try {
    bytes = await file.toBuffer()
  } catch (error) {
    throw uploadError(error)
  }
  // toBuffer notices the limit only between chunks: when the cut falls on a chunk's end, it returns
  // the truncated bytes without an error, and only the stream says so.
  if (file.file.truncated) throw new AppError('IMPORT_FILE_TOO_LARGE')
  return bytes
}

const uploadError = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('IMPORT_FILE_TOO_LARGE')
  if (code === 'FST_FILES_LIMIT')
    return new AppError('IMPORT_FILE_MISSING', { message: '一次只能上传一个文件，请只选择一个 .xlsx 文件' })
  if (typeof code === 'string' && code.startsWith('FST_')) return new AppError('IMPORT_FILE_UNREADABLE')
  return error
}

export const registerImportRoutes = async (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) => {
  // Multipart is accepted here only: the API stays JSON-only (build-server.ts).
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } })
    // Any other body is left unread, so that the handler can answer it in Chinese.
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null))

    scope.post('/imports/household-roster', {
      onRequest: async (req, reply) => {
        if (await isOverLimit(req, reply)) return reply
      },
      handler: async (req, reply) => {
        reply.header('cache-control', 'no-store')
        const ctx = await authorise(deps, req, reply, ROSTER_ROLES)
        if (!ctx) return reply
        const parsedQuery = ZRosterImportRequestSchema.safeParse(req.query ?? {})
        if (!parsedQuery.success) {
          const { formErrors, fieldErrors } = fieldErrorsOf(parsedQuery.error.issues)
          return sendHttpError(reply, 'VALIDATION_FAILED', {
            message: parsedQuery.error.issues[0]?.message ?? '导入参数有误，请重试',
            fieldErrors: formErrors.length ? { ...fieldErrors, query: formErrors } : fieldErrors,
          })
        }
        const query = parsedQuery.data
        try {
          // Scope before the file is read: a cadre imports into the villages they keep.
          if (!keepsRecordsOf(ctx.actor, query.villageId)) throw new AppError('FORBIDDEN')
          const village = await deps.prisma.village.findUnique({ where: { id: query.villageId }, select: { id: true } })
          if (!village) throw new AppError('NOT_FOUND', { message: '所选的村不存在' })
          const parsed = await parseRosterFile(await uploadedFile(req))
          if (query.mode === 'dry-run') return await dryRunRoster({ ctx, villageId: query.villageId, parsed })
          if (parsed.digest !== query.digest) throw new AppError('IMPORT_FILE_CHANGED')
          return await commitRoster({
            ctx,
            villageId: query.villageId,
            clientMutationId: query.clientMutationId as string,
            parsed,
          })
        } catch (error) {
          return sendImportError(req, reply, error, ctx.requestId)
        }
      },
    })

    registerVillageImportRoute(scope, deps, isOverLimit, uploadedFile)
  })
}

const sendImportError = (req: FastifyRequest, reply: FastifyReply, error: unknown, requestId: string) => {
  if (error instanceof ImportHasErrors) {
    // The usual error body, and the report a dry run would have given.
    return reply
      .code(statusOf('IMPORT_HAS_ERRORS'))
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        error: { code: error.code, message: error.message, requestId: String(req.id) },
        report: { mode: 'commit', ...error.report, canCommit: false },
      })
  }
  if (error instanceof AppError)
    return sendHttpError(reply, error.code, {
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    })
  if (isDatabaseUnavailable(error)) return sendHttpError(reply, 'DATABASE_UNAVAILABLE')
  // A household saved by someone else between the check and the write.
  if (isUniqueViolation(error)) return sendHttpError(reply, 'DUPLICATE_RECORD')
  req.log.error({ err: error }, 'household roster import failed')
  return sendHttpError(reply, 'INTERNAL', { message: internalErrorMessage(requestId) })
}
