// @ts-check
// A migration-aware driver-adapter factory on @prisma/adapter-pg, for the Wasm schema engine.
// It works around three gaps of adapter-pg 7.10 that the Schema Engine hits:
//  1. The engine reads pg_catalog columns of Postgres's internal "char" type (OID 18), which
//     adapter-pg refuses ("Unsupported column type char"). Our pg Client reports them as text,
//     and the adapter then tells the engine they are characters (as the native engine does:
//     the schema describer insists, e.g. on pg_constraint.contype for a constraint trigger).
//  2. `executeScript` splits on ";", which breaks dollar-quoted bodies and runs statements outside
//     a transaction. We send the whole script as one simple query instead: Postgres runs a
//     multi-statement simple query as one implicit transaction, as the native engine does.
//  3. `connectToShadowDb` connects to the main database (the connection string wins over
//     `database`) and drops the shadow database while its pool is still open.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils'
import pg from 'pg'

const PG_CHAR_OID = 18
const PG_TEXT_OID = 25
/** Internal catalog types whose text form is all the engine needs. */
const CATALOG_TEXT_OIDS = new Set([
  PG_CHAR_OID,
  24 /* regproc */,
  194 /* pg_node_tree */,
  2205 /* regclass */,
  2206 /* regtype */,
])

/**
 * Within one adapter query: the indexes of the columns that were "char" before we relabelled them.
 * @type {AsyncLocalStorage<{ charColumns: number[] }>}
 */
const charColumnsOfQuery = new AsyncLocalStorage()

/**
 * The engine's pools not yet ended. When the last one ends, the store is disabled: while any
 * AsyncLocalStorage is enabled Node runs a hook on every promise, and a server that applied its
 * migrations at start would pay for it on every request it then served.
 * @type {Set<pg.Pool>}
 */
const openPools = new Set()

/**
 * @param {any} result
 * @param {{ charColumns: number[] } | undefined} store
 */
const reportCatalogTypesAsText = (result, store) => {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const [i, field] of (r?.fields ?? []).entries()) {
      if (field.dataTypeID === PG_CHAR_OID) store?.charColumns.push(i)
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = PG_TEXT_OID
    }
  }
  return result
}

class CatalogFriendlyClient extends pg.Client {
  /** @param {any[]} args */
  // @ts-expect-error -- pg's overloads cannot be re-declared one by one; we forward them all.
  query(...args) {
    // Read at call time: pg calls back from the socket's context, where the store is gone.
    const store = charColumnsOfQuery.getStore()
    const last = args.length - 1
    if (typeof args[last] === 'function') {
      const callback = args[last]
      args[last] = (/** @type {unknown} */ err, /** @type {unknown} */ res) =>
        callback(err, err ? res : reportCatalogTypesAsText(res, store))
      // @ts-expect-error -- see above
      return super.query(...args)
    }
    // @ts-expect-error -- see above
    const result = super.query(...args)
    return typeof result?.then === 'function'
      ? result.then((/** @type {any} */ res) => reportCatalogTypesAsText(res, store))
      : result
  }
}

/** Ends a pool once; pg throws if `end` is called twice. @param {pg.Pool} pool */
export const endPool = async (pool) => {
  if (openPools.delete(pool) && openPools.size === 0) charColumnsOfQuery.disable()
  if (!pool.ended && !pool.ending) await pool.end()
}

/** @param {string} url */
const newPool = (url) => {
  const pool = new pg.Pool({ connectionString: url, max: 4, allowExitOnIdle: true, Client: CatalogFriendlyClient })
  openPools.add(pool)
  return pool
}

/**
 * @param {pg.Pool} pool
 * @param {() => Promise<void>} release
 */
const connectAdapter = async (pool, release) => {
  const adapter = await new PrismaPg(pool).connect()
  const queryRaw = adapter.queryRaw.bind(adapter)
  adapter.queryRaw = async (query) => {
    const store = { charColumns: /** @type {number[]} */ ([]) }
    const result = await charColumnsOfQuery.run(store, () => queryRaw(query))
    for (const i of store.charColumns) result.columnTypes[i] = ColumnTypeEnum.Character
    return result
  }
  // One simple query: atomic, and a failing statement fails the whole migration (see 2. above).
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script)
    } catch (error) {
      // Let adapter-pg turn the pg error into a DriverAdapterError the engine understands.
      // @ts-expect-error -- onError is adapter-pg's own (untyped) error mapper; it always throws.
      adapter.onError(error)
    }
  }
  adapter.dispose = release
  return adapter
}

/** @param {string} url @param {string} database */
const withDatabase = (url, database) => {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(database)}`
  return u.toString()
}

/** @param {string} name */
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`

/**
 * @param {{ url: string, shadowDatabaseUrl?: string | undefined }} datasource
 * @param {Set<pg.Pool>} pools every pool made is added here, so the owner can close them all.
 * @returns {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory}
 */
export const createMigrationAdapterFactory = (datasource, pools) => ({
  provider: 'postgres',
  adapterName: '@prisma/adapter-pg',
  async connect() {
    const pool = newPool(datasource.url)
    pools.add(pool)
    return connectAdapter(pool, () => endPool(pool))
  },
  async connectToShadowDb() {
    if (datasource.shadowDatabaseUrl) {
      const pool = newPool(datasource.shadowDatabaseUrl)
      pools.add(pool)
      return connectAdapter(pool, () => endPool(pool))
    }
    const name = `prisma_migrate_shadow_db_${randomUUID()}`
    const admin = new pg.Client({ connectionString: datasource.url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`)
    const pool = newPool(withDatabase(datasource.url, name))
    return connectAdapter(pool, async () => {
      // Close our own connections first, then drop; FORCE ends any the engine left behind.
      await endPool(pool)
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
      } finally {
        await admin.end()
      }
    })
  },
})
