// One spreadsheet import as an HTTP route (docs/exports.md, "Import"): POST /imports/<name>, a
// multipart/form-data upload (WeChat's Taro.uploadFile and a browser's FormData both send one),
// with the options in the query string:
//   ?mode=dry-run[&…]                              checks the file; writes nothing
//   ?mode=commit[&…]&digest=…&clientMutationId=…   writes every row, or none; once per key
// Signed in by `Authorization: Bearer` as the API, for the roles of the procedure the import
// stands for. The file's part may have any field name (`file` by convention), and is read only
// after sign-in, the query and the import's own checks. Answers JSON; errors as the exports'
// (http-errors.ts), with the row-by-row report beside the error when a commit finds problems.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { ImportModeFields } from '../../common/contracts/import/import-query'
import type { Role } from '../../common/enums'
import type { AppDeps } from '../context'
import { AppError } from '../errors'
import { isDatabaseUnavailable, isUniqueViolation } from '../lib/db-errors'
import { IMPORT_MAX_BYTES } from '../services/imports/household-roster-columns'
import { ImportHasErrors } from '../services/imports/import-commit'
import { type AuthorisedContext, authorise } from './authorise-request'
import { queryOrRefuse, sendAppError, sendHttpError, sendInternalError, statusOf } from './http-errors'
import { type IsOverLimit, limitedBy } from './rate-limits'

/** The uploaded file's bytes; refusals as AppErrors. */
const uploadedFile = async (req: FastifyRequest): Promise<Buffer> => {
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

type Committing<Q> = Q & { clientMutationId: string }

export type ImportRoute<Q extends ImportModeFields, Parsed extends { digest: string }> = {
  /** `/imports/household-roster` */
  url: string
  /** The roles of the tRPC procedure the import stands for. */
  roles: readonly Role[]
  /** The query string: the mode, the import's own fields, and for a commit the digest and the retry key. */
  schema: z.ZodType<Q>
  /** What is imported, for the log line of a failure nothing explains: `household roster import`. */
  what: string
  /** Refusals due before the file is read: the caller's scope. */
  precheck?: (ctx: AuthorisedContext, query: Q) => Promise<void>
  parse: (bytes: Buffer) => Promise<Parsed>
  dryRun: (options: { ctx: AuthorisedContext; query: Q; parsed: Parsed }) => Promise<unknown>
  commit: (options: { ctx: AuthorisedContext; query: Committing<Q>; parsed: Parsed }) => Promise<unknown>
}

/** Registers the import's route in an upload scope (upload-scope.ts). */
export const registerImportRoute = <Q extends ImportModeFields, Parsed extends { digest: string }>(
  scope: FastifyInstance,
  deps: AppDeps,
  isOverLimit: IsOverLimit,
  route: ImportRoute<Q, Parsed>,
) => {
  scope.post(route.url, {
    onRequest: limitedBy(isOverLimit),
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const ctx = await authorise(deps, req, reply, route.roles)
      if (!ctx) return reply
      const query = queryOrRefuse(req, reply, route.schema, '导入参数有误，请重试')
      if (!query) return reply
      try {
        await route.precheck?.(ctx, query)
        const parsed = await route.parse(await uploadedFile(req))
        if (query.mode === 'dry-run') return await route.dryRun({ ctx, query, parsed })
        if (parsed.digest !== query.digest) throw new AppError('IMPORT_FILE_CHANGED')
        // The schema requires the key of a commit.
        return await route.commit({ ctx, query: query as Committing<Q>, parsed })
      } catch (error) {
        return sendImportError(req, reply, error, route.what)
      }
    },
  })
}

const sendImportError = (req: FastifyRequest, reply: FastifyReply, error: unknown, what: string) => {
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
  if (error instanceof AppError) return sendAppError(reply, error)
  if (isDatabaseUnavailable(error)) return sendHttpError(reply, 'DATABASE_UNAVAILABLE')
  // A record saved by someone else between the check and the write.
  if (isUniqueViolation(error)) return sendHttpError(reply, 'DUPLICATE_RECORD')
  return sendInternalError(req, reply, error, what)
}
