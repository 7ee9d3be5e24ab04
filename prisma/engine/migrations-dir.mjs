// @ts-check
// Where the migrations are: apart from migrate.mjs, so that asking whether any are pending does
// not load the schema engine.
import path from 'node:path'

export const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'migrations')
