// The 党员花名册 import (docs/domain.md, "Who sets things up"): POST /imports/member-roster, an
// import route (import-route.ts) registered by imports.ts, and GET
// /exports/member-roster-template.xlsx, the template. For the roles of the user.* procedures
// (administrators, 支部书记); which orgs a row may name is the caller's subtree
// (services/imports/member-roster-check.ts). A commit writes every row, or none.
import type { FastifyInstance } from 'fastify'
import {
  type TMemberRosterImportRequest,
  ZMemberRosterImportRequestSchema,
} from '../../common/contracts/import/member-roster-import'
import { shanghaiDate } from '../../common/dates'
import type { Role } from '../../common/enums'
import type { AppDeps } from '../context'
import { exportFileName } from '../services/exports/export-file-name'
import {
  dryRunMemberRoster,
  type ParsedMemberRoster,
  parseMemberRosterFile,
} from '../services/imports/member-roster-check'
import { commitMemberRoster } from '../services/imports/member-roster-commit'
import { memberTemplateFile } from '../services/imports/member-roster-template'
import { authorise } from './authorise-request'
import { attachmentDisposition, XLSX_TYPE } from './exports'
import type { ImportRoute } from './import-route'
import { type IsOverLimit, limitedBy } from './rate-limits'

/** As secretaryProcedure (server/trpc.ts), the base of user.*. */
const MEMBER_IMPORT_ROLES = ['ADMIN', 'SECRETARY'] as const satisfies readonly Role[]

export const memberRosterImport: ImportRoute<TMemberRosterImportRequest, ParsedMemberRoster> = {
  url: '/imports/member-roster',
  roles: MEMBER_IMPORT_ROLES,
  schema: ZMemberRosterImportRequestSchema,
  what: 'member roster import',
  parse: parseMemberRosterFile,
  dryRun: ({ ctx, parsed }) => dryRunMemberRoster({ ctx, parsed }),
  commit: ({ ctx, query, parsed }) => commitMemberRoster({ ctx, clientMutationId: query.clientMutationId, parsed }),
}

export const registerMemberRosterTemplateRoute = (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) => {
  app.get('/exports/member-roster-template.xlsx', {
    exposeHeadRoute: false,
    onRequest: limitedBy(isOverLimit),
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
}
