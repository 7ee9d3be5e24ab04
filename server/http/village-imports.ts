// POST /imports/villages: the village list import (docs/exports.md, "Import · 村名单"), a
// multipart/form-data upload with the options in the query string:
//   ?mode=dry-run                                  checks the file; writes nothing
//   ?mode=commit&digest=…&clientMutationId=…       writes every new village, or none
// Signed in by `Authorization: Bearer`, for administrators, as village.create (adminProcedure).
// Registered by imports.ts inside its multipart scope, with its reading of the upload; answers and
// errors as the roster import's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ZVillageImportRequestSchema } from '../../common/contracts/village/village-import'
import type { AppDeps } from '../context'
import { AppError, fieldErrorsOf, internalErrorMessage } from '../errors'
import { isDatabaseUnavailable, isUniqueViolation } from '../lib/db-errors'
import { commitVillages, dryRunVillages, VillageImportHasErrors } from '../services/imports/village-import'
import { VILLAGE_LIST_ROLES } from '../services/imports/village-import-columns'
import { parseVillageFile } from '../services/imports/village-import-read'
import { authorise } from './authorise-request'
import { sendHttpError, statusOf } from './http-errors'

type IsOverLimit = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>
type ReadUpload = (req: FastifyRequest) => Promise<Buffer>

export const registerVillageImportRoute = (
  scope: FastifyInstance,
  deps: AppDeps,
  isOverLimit: IsOverLimit,
  readUpload: ReadUpload,
) => {
  scope.post('/imports/villages', {
    onRequest: async (req, reply) => {
      if (await isOverLimit(req, reply)) return reply
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const ctx = await authorise(deps, req, reply, VILLAGE_LIST_ROLES)
      if (!ctx) return reply
      const parsedQuery = ZVillageImportRequestSchema.safeParse(req.query ?? {})
      if (!parsedQuery.success) {
        const { formErrors, fieldErrors } = fieldErrorsOf(parsedQuery.error.issues)
        return sendHttpError(reply, 'VALIDATION_FAILED', {
          message: parsedQuery.error.issues[0]?.message ?? '导入参数有误，请重试',
          fieldErrors: formErrors.length ? { ...fieldErrors, query: formErrors } : fieldErrors,
        })
      }
      const query = parsedQuery.data
      try {
        const parsed = await parseVillageFile(await readUpload(req))
        if (query.mode === 'dry-run') return await dryRunVillages({ db: ctx.db, parsed })
        if (parsed.digest !== query.digest) throw new AppError('IMPORT_FILE_CHANGED')
        return await commitVillages({ ctx, clientMutationId: query.clientMutationId as string, parsed })
      } catch (error) {
        return sendVillageImportError(req, reply, error, ctx.requestId)
      }
    },
  })
}

const sendVillageImportError = (req: FastifyRequest, reply: FastifyReply, error: unknown, requestId: string) => {
  if (error instanceof VillageImportHasErrors) {
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
  // A village saved by someone else between the check and the write.
  if (isUniqueViolation(error)) return sendHttpError(reply, 'DUPLICATE_RECORD')
  req.log.error({ err: error }, 'village list import failed')
  return sendHttpError(reply, 'INTERNAL', { message: internalErrorMessage(requestId) })
}
