// File exports (issue #4): plain HTTP GET routes, since tRPC answers JSON and these stream a file.
//   GET /exports/donation-ledger.xlsx?villageId=&activityId=&from=YYYY-MM-DD&to=YYYY-MM-DD
// Signed in by `Authorization: Bearer`, as the API. Filters are ids and dates, so a query string
// is acceptable here (the API itself refuses GET: its inputs hold personal data). See
// docs/exports.md for the columns.
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { shanghaiDate } from '../../common/dates'
import type { AppDeps } from '../context'
import { fieldErrorsOf } from '../errors'
import { STAFF_ROLES } from '../services/auth/actor'
import { exportDonationLedger } from '../services/exports/donation-ledger'
import { ZDonationLedgerRequestSchema } from '../services/exports/donation-ledger.types'
import { exportFileName } from '../services/exports/export-file-name'
import { villageScope } from '../services/scope'
import { authorise } from './authorise-request'
import { sendHttpError } from './http-errors'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** RFC 5987 ext-value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves but attr-char excludes. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** `attachment; filename="ascii.xlsx"; filename*=UTF-8''…`: the UTF-8 name, and a fallback for old clients. */
export const attachmentDisposition = (fileName: string, asciiFileName: string) =>
  `attachment; filename="${asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${rfc5987(fileName)}`

type IsOverLimit = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>

export const registerExportRoutes = (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) => {
  app.get('/exports/donation-ledger.xlsx', {
    // A HEAD would run the export (and audit it) only to throw the file away.
    exposeHeadRoute: false,
    // The per-IP limit, as on the API (build-server.ts applies it to /trpc).
    onRequest: async (req, reply) => {
      if (await isOverLimit(req, reply)) return reply
    },
    handler: async (req, reply) => {
      // The file holds names of donors and households: no cache may keep it.
      reply.header('cache-control', 'no-store')
      // As donation.list: staffProcedure.
      const ctx = await authorise(deps, req, reply, STAFF_ROLES)
      if (!ctx) return reply
      const parsed = ZDonationLedgerRequestSchema.safeParse(req.query ?? {})
      if (!parsed.success) {
        const { formErrors, fieldErrors } = fieldErrorsOf(parsed.error.issues)
        return sendHttpError(reply, 'VALIDATION_FAILED', {
          message: parsed.error.issues[0]?.message ?? '筛选条件有误，请检查后重试',
          fieldErrors: formErrors.length ? { ...fieldErrors, query: formErrors } : fieldErrors,
        })
      }
      const input = parsed.data
      // Named in the file name only when the caller may see the village.
      const village = input.villageId
        ? await deps.prisma.village.findFirst({
            where: { AND: [{ id: input.villageId }, villageScope(ctx.actor)] },
            select: { name: true },
          })
        : null
      const { fileName, asciiFileName } = exportFileName({
        what: '捐赠台账',
        whatAscii: 'donation-ledger',
        placeName: village?.name,
        period: input,
        today: shanghaiDate(),
      })
      const output = new PassThrough()
      // A client that goes away stops the export at the next batch.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) output.destroy()
      })
      exportDonationLedger({ ctx, input, output }).catch((error: unknown) => {
        // The status line is sent by now: the download is cut short, and the client sees a broken file.
        if (!output.destroyed) req.log.error({ err: error }, 'donation ledger export failed')
        output.destroy(error instanceof Error ? error : new Error(String(error)))
      })
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(fileName, asciiFileName))
        .send(output)
    },
  })
}
