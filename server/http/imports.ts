// The spreadsheet imports (docs/exports.md, "Import"), each an import route (import-route.ts) in
// one upload scope:
//   POST /imports/household-roster?villageId=…   困难户花名册, for the roles of household.create
//        (cadreProcedure), into a village whose records the caller keeps
//   POST /imports/member-roster                  党员花名册 (member-roster-imports.ts)
//   POST /imports/villages                       村名单 (village-imports.ts)
import type { FastifyInstance } from 'fastify'
import { ZRosterImportRequestSchema } from '../../common/contracts/import/household-roster-import'
import type { AppDeps } from '../context'
import { AppError } from '../errors'
import { ROSTER_ROLES } from '../services/auth/actor'
import { IMPORT_MAX_BYTES } from '../services/imports/household-roster-columns'
import { commitRoster, dryRunRoster, parseRosterFile } from '../services/imports/household-roster-import'
import { keepsRecordsOf } from '../services/scope'
import { registerImportRoute } from './import-route'
import { memberRosterImport } from './member-roster-imports'
import type { IsOverLimit } from './rate-limits'
import { registerUploadScope } from './upload-scope'
import { villageImport } from './village-imports'

export const registerImportRoutes = (app: FastifyInstance, deps: AppDeps, isOverLimit: IsOverLimit) =>
  registerUploadScope(app, IMPORT_MAX_BYTES, (scope) => {
    registerImportRoute(scope, deps, isOverLimit, {
      url: '/imports/household-roster',
      roles: ROSTER_ROLES,
      schema: ZRosterImportRequestSchema,
      what: 'household roster import',
      // Scope before the file is read: a cadre imports into the villages they keep.
      precheck: async (ctx, { villageId }) => {
        if (!keepsRecordsOf(ctx.actor, villageId)) throw new AppError('FORBIDDEN')
        const village = await deps.prisma.village.findUnique({ where: { id: villageId }, select: { id: true } })
        if (!village) throw new AppError('NOT_FOUND', { message: '所选的村不存在' })
      },
      parse: parseRosterFile,
      dryRun: ({ ctx, query, parsed }) => dryRunRoster({ ctx, villageId: query.villageId, parsed }),
      commit: ({ ctx, query, parsed }) =>
        commitRoster({ ctx, villageId: query.villageId, clientMutationId: query.clientMutationId, parsed }),
    })
    registerImportRoute(scope, deps, isOverLimit, memberRosterImport)
    registerImportRoute(scope, deps, isOverLimit, villageImport)
  })
