import path from 'node:path'
import { defineConfig } from 'prisma/config'

// The CLI would otherwise download a native schema engine from a host our deployments cannot
// reach; this stand-in runs the same engine compiled to WebAssembly (prisma/engine/).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'prisma/engine/schema-engine.mjs')
process.env.CHECKPOINT_DISABLE = '1'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
