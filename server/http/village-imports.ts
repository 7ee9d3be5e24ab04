// POST /imports/villages: the village list import (docs/exports.md, "Import · 村名单"), an import
// route (import-route.ts) registered by imports.ts. For administrators, as village.create
// (adminProcedure). A commit writes every new village, or none.
import { type TVillageImportRequest, ZVillageImportRequestSchema } from '../../common/contracts/village/village-import'
import { commitVillages, dryRunVillages } from '../services/imports/village-import'
import { VILLAGE_LIST_ROLES } from '../services/imports/village-import-columns'
import { type ParsedVillages, parseVillageFile } from '../services/imports/village-import-read'
import type { ImportRoute } from './import-route'

export const villageImport: ImportRoute<TVillageImportRequest, ParsedVillages> = {
  url: '/imports/villages',
  roles: VILLAGE_LIST_ROLES,
  schema: ZVillageImportRequestSchema,
  what: 'village list import',
  parse: parseVillageFile,
  dryRun: ({ ctx, parsed }) => dryRunVillages({ db: ctx.db, parsed }),
  commit: ({ ctx, query, parsed }) => commitVillages({ ctx, clientMutationId: query.clientMutationId, parsed }),
}
