// File exports (docs/exports.md): plain HTTP GET routes, since tRPC answers JSON and these stream a file.
//   GET /exports/donation-ledger.xlsx?villageId=&activityId=&from=YYYY-MM-DD&to=YYYY-MM-DD
//   GET /exports/household-roster.xlsx?villageId=          困难户花名册 (IDs and phones masked)
//   GET /exports/household-roster-public.xlsx?villageId=   困难户公示名单 (no personal data but names)
//   GET /exports/household-roster-template.xlsx?villageId= 困难户花名册 import template (no data)
//   GET /exports/village-import-template.xlsx              村名单 import template (no data)
//   GET /exports/activity-ledger.xlsx?villageId=&from=&to=  主题党日台账 and its 缺勤名单
//   GET /exports/daily-needs-report.xlsx?date=&villageId=  有诉必应日报 for one day
//   GET /exports/handover-sign-sheet.xlsx?activityId= | villageId=&from=&to=  发放签收表
//   GET /exports/handover-sign-sheet-public.xlsx?…          its 公示 version (names masked, no signatures)
// Signed in by `Authorization: Bearer`, as the API. Filters are ids and dates, so a query string
// is acceptable here (the API itself refuses GET: its inputs hold personal data). See
// docs/exports.md for the columns.
import { PassThrough } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'
import { ZActivityLedgerRequestSchema } from '../../common/contracts/export/activity-ledger'
import { ZDonationLedgerRequestSchema } from '../../common/contracts/export/donation-ledger'
import { ZHouseholdRosterRequestSchema } from '../../common/contracts/export/household-roster'
import { ZSignSheetExportRequestSchema } from '../../common/contracts/handover/sign-sheet'
import { ZDailyNeedsReportRequestSchema } from '../../common/contracts/report/daily-needs'
import { ZVillageImportTemplateRequestSchema } from '../../common/contracts/village/village-import'
import { shanghaiDate } from '../../common/dates'
import type { Role } from '../../common/enums'
import type { AppDeps } from '../context'
import { ROSTER_ROLES, STAFF_ROLES } from '../services/auth/actor'
import { exportActivityLedger } from '../services/exports/activity-ledger'
import { exportDailyNeedsReport } from '../services/exports/daily-needs-report'
import { exportDonationLedger } from '../services/exports/donation-ledger'
import { exportFileName } from '../services/exports/export-file-name'
import { exportHandoverSignSheet, exportPublicHandoverSignSheet } from '../services/exports/handover-sign-sheet'
import { exportHouseholdRoster } from '../services/exports/household-roster'
import { exportPublicHouseholdRoster } from '../services/exports/household-roster-public'
import { exportRosterTemplate } from '../services/imports/household-roster-template'
import { VILLAGE_LIST_ROLES } from '../services/imports/village-import-columns'
import { exportVillageTemplate } from '../services/imports/village-import-template'
import { villageScope } from '../services/scope'
import { type AuthorisedContext, authorise } from './authorise-request'
import { queryOrRefuse } from './http-errors'
import { type IsOverLimit, limitedBy } from './rate-limits'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** RFC 5987 ext-value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves but attr-char excludes. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** `attachment; filename="ascii.xlsx"; filename*=UTF-8''…`: the UTF-8 name, and a fallback for old clients. */
export const attachmentDisposition = (fileName: string, asciiFileName: string) =>
  `attachment; filename="${asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${rfc5987(fileName)}`

type XlsxExport<I extends { villageId?: string | undefined }> = {
  /** The roles of the tRPC base procedure whose list the export mirrors. */
  roles: readonly Role[]
  /** The query string's schema: unknown parameters refused. */
  schema: z.ZodType<I>
  /** What the file is, for its name: `捐赠台账`, and its ASCII twin `donation-ledger`, which names the route too. */
  what: string
  whatAscii: string
  /** The dates the file covers, for its name; the day of the export when none. */
  periodOf?: (input: I) => { from?: string | undefined; to?: string | undefined }
  /** Writes the workbook into `output`, audited, and ends it. */
  run: (options: { ctx: AuthorisedContext; input: I; output: PassThrough }) => Promise<unknown>
}

/**
 * A streamed Excel download at `/exports/<whatAscii>.xlsx`: the per-IP limit, sign-in and roles,
 * the validated query, the file name, and the file streamed straight into the response.
 */
const registerXlsxExport = <I extends { villageId?: string | undefined }>(
  app: FastifyInstance,
  deps: AppDeps,
  isOverLimit: IsOverLimit,
  { roles, schema, what, whatAscii, periodOf, run }: XlsxExport<I>,
) => {
  app.get(`/exports/${whatAscii}.xlsx`, {
    // A HEAD would run the export (and audit it) only to throw the file away.
    exposeHeadRoute: false,
    onRequest: limitedBy(isOverLimit),
    handler: async (req, reply) => {
      // The files hold names of donors and households: no cache may keep them.
      reply.header('cache-control', 'no-store')
      const ctx = await authorise(deps, req, reply, roles)
      if (!ctx) return reply
      const input = queryOrRefuse(req, reply, schema, '筛选条件有误，请检查后重试')
      if (!input) return reply
      // Named in the file name only when the caller may see the village.
      const village = input.villageId
        ? await deps.prisma.village.findFirst({
            where: { AND: [{ id: input.villageId }, villageScope(ctx.actor)] },
            select: { name: true },
          })
        : null
      const { fileName, asciiFileName } = exportFileName({
        what,
        whatAscii,
        placeName: village?.name,
        period: periodOf?.(input) ?? {},
        today: shanghaiDate(),
      })
      const output = new PassThrough()
      // A client that goes away stops the export at the next batch.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) output.destroy()
      })
      run({ ctx, input, output }).catch((error: unknown) => {
        // The status line is sent by now: the download is cut short, and the client sees a broken file.
        if (!output.destroyed) req.log.error({ err: error }, `${whatAscii} export failed`)
        output.destroy(error instanceof Error ? error : new Error(String(error)))
      })
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(fileName, asciiFileName))
        .send(output)
    },
  })
}

export const registerExportRoutes = (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) => {
  // As donation.list: staffProcedure.
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZDonationLedgerRequestSchema,
    what: '捐赠台账',
    whatAscii: 'donation-ledger',
    periodOf: (input) => input,
    run: exportDonationLedger,
  })
  // Both as household.list: staffProcedure, each in their householdScope.
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZHouseholdRosterRequestSchema,
    what: '困难户花名册',
    whatAscii: 'household-roster',
    run: exportHouseholdRoster,
  })
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZHouseholdRosterRequestSchema,
    what: '困难户公示名单',
    whatAscii: 'household-roster-public',
    run: exportPublicHouseholdRoster,
  })
  // The import's template: for those who may import, as household.create (cadreProcedure).
  registerXlsxExport(app, deps, isOverLimit, {
    roles: ROSTER_ROLES,
    schema: ZHouseholdRosterRequestSchema,
    what: '困难户花名册导入模板',
    whatAscii: 'household-roster-template',
    run: exportRosterTemplate,
  })
  // The village list import's template: administrators, as village.create (adminProcedure).
  registerXlsxExport(app, deps, isOverLimit, {
    roles: VILLAGE_LIST_ROLES,
    schema: ZVillageImportTemplateRequestSchema,
    what: '村名单导入模板',
    whatAscii: 'village-import-template',
    run: exportVillageTemplate,
  })
  // As activity.list: staffProcedure, each in their activityScope.
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZActivityLedgerRequestSchema,
    what: '主题党日台账',
    whatAscii: 'activity-ledger',
    periodOf: (input) => input,
    run: exportActivityLedger,
  })
  // As report.dailyNeeds: staffProcedure, each in their needScope.
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZDailyNeedsReportRequestSchema,
    what: '有诉必应日报',
    whatAscii: 'daily-needs-report',
    periodOf: (input) => ({ from: input.date, to: input.date }),
    run: exportDailyNeedsReport,
  })
  // As handover.list: staffProcedure, each in their handoverScope.
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZSignSheetExportRequestSchema,
    what: '发放签收表',
    whatAscii: 'handover-sign-sheet',
    periodOf: (input) => input,
    run: exportHandoverSignSheet,
  })
  registerXlsxExport(app, deps, isOverLimit, {
    roles: STAFF_ROLES,
    schema: ZSignSheetExportRequestSchema,
    what: '发放公示表',
    whatAscii: 'handover-sign-sheet-public',
    periodOf: (input) => input,
    run: exportPublicHandoverSignSheet,
  })
}
