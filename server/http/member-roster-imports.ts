// The 党员花名册 import (docs/domain.md, "Who sets things up"), the household roster's way
// (imports.ts): POST /imports/member-roster, a multipart/form-data upload, with the options in the
// query string:
//   ?mode=dry-run                                  checks the file; writes nothing
//   ?mode=commit&digest=…&clientMutationId=…       writes every row, or none; once per key
// and GET /exports/member-roster-template.xlsx, the template. Signed in by `Authorization: Bearer`,
// for the roles of the user.* procedures (administrators, 支部书记); which orgs a row may name is
// the caller's subtree (services/imports/member-roster-check.ts). Errors as the exports'
// (http-errors.ts), with the row-by-row report beside the error when a commit finds problems.
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ZMemberRosterImportRequestSchema } from '../../common/contracts/import/member-roster-import'
import { shanghaiDate } from '../../common/dates'
import type { Role } from '../../common/enums'
import type { AppDeps } from '../context'
import { AppError, fieldErrorsOf, internalErrorMessage } from '../errors'
import { isDatabaseUnavailable, isUniqueViolation } from '../lib/db-errors'
import { exportFileName } from '../services/exports/export-file-name'
import { IMPORT_MAX_BYTES } from '../services/imports/household-roster-columns'
import { dryRunMemberRoster, parseMemberRosterFile } from '../services/imports/member-roster-check'
import { commitMemberRoster, MemberImportHasErrors } from '../services/imports/member-roster-commit'
import { memberTemplateFile } from '../services/imports/member-roster-template'
import { authorise } from './authorise-request'
import { attachmentDisposition } from './exports'
import { sendHttpError, statusOf } from './http-errors'
import { uploadedFile } from './imports'

type IsOverLimit = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>

/** As secretaryProcedure (server/trpc.ts), the base of user.*. */
const MEMBER_IMPORT_ROLES = ['ADMIN', 'SECRETARY'] as const satisfies readonly Role[]

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const registerMemberRosterRoutes = async (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) => {
  const limited = async (req: FastifyRequest, reply: FastifyReply) => {
    if (await isOverLimit(req, reply)) return reply
  }

  app.get('/exports/member-roster-template.xlsx', {
    exposeHeadRoute: false,
    onRequest: limited,
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const ctx = await authorise(deps, req, reply, MEMBER_IMPORT_ROLES)
      if (!ctx) return reply
      const { fileName, asciiFileName } = exportFileName({
        what: '党员花名册导入模板',
        whatAscii: 'member-roster-template',
        period: {},
        today: shanghaiDate(),
      })
      const bytes = await memberTemplateFile({ ctx })
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(fileName, asciiFileName))
        .send(bytes)
    },
  })

  // Multipart is accepted here only: the API stays JSON-only (build-server.ts).
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } })
    // Any other body is left unread, so that the handler can answer it in Chinese.
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null))

    scope.post('/imports/member-roster', {
      onRequest: limited,
      handler: async (req, reply) => {
        reply.header('cache-control', 'no-store')
        const ctx = await authorise(deps, req, reply, MEMBER_IMPORT_ROLES)
        if (!ctx) return reply
        const parsedQuery = ZMemberRosterImportRequestSchema.safeParse(req.query ?? {})
        if (!parsedQuery.success) {
          const { formErrors, fieldErrors } = fieldErrorsOf(parsedQuery.error.issues)
          return sendHttpError(reply, 'VALIDATION_FAILED', {
            message: parsedQuery.error.issues[0]?.message ?? '导入参数有误，请重试',
            fieldErrors: formErrors.length ? { ...fieldErrors, query: formErrors } : fieldErrors,
          })
        }
        const query = parsedQuery.data
        try {
          const parsed = await parseMemberRosterFile(await uploadedFile(req))
          if (query.mode === 'dry-run') return await dryRunMemberRoster({ ctx, parsed })
          if (parsed.digest !== query.digest) throw new AppError('IMPORT_FILE_CHANGED')
          return await commitMemberRoster({ ctx, clientMutationId: query.clientMutationId as string, parsed })
        } catch (error) {
          return sendMemberImportError(req, reply, error, ctx.requestId)
        }
      },
    })
  })
}

const sendMemberImportError = (req: FastifyRequest, reply: FastifyReply, error: unknown, requestId: string) => {
  if (error instanceof MemberImportHasErrors)
    // The usual error body, and the report a dry run would have given.
    return reply
      .code(statusOf('IMPORT_HAS_ERRORS'))
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        error: { code: error.code, message: error.message, requestId: String(req.id) },
        report: { mode: 'commit', ...error.report, canCommit: false },
      })
  if (error instanceof AppError)
    return sendHttpError(reply, error.code, {
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    })
  if (isDatabaseUnavailable(error)) return sendHttpError(reply, 'DATABASE_UNAVAILABLE')
  // An account saved by someone else between the check and the write.
  if (isUniqueViolation(error)) return sendHttpError(reply, 'DUPLICATE_RECORD')
  req.log.error({ err: error }, 'member roster import failed')
  return sendHttpError(reply, 'INTERNAL', { message: internalErrorMessage(requestId) })
}
