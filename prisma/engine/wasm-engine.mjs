// @ts-check
// Loads Prisma's Schema Engine compiled to WebAssembly (@prisma/schema-engine-wasm, pinned to the
// engine hash of our `prisma` CLI) and binds it to PostgreSQL through a driver adapter.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import { createMigrationAdapterFactory, endPool } from './pg-adapter.mjs'

const require = createRequire(import.meta.url)

/**
 * The engine arms a timer around each database call and never clears it (it just drops the
 * future). Unref them, so that a finished migration does not hold the process open for 10 s.
 * @param {Record<string, unknown>} imports
 */
const withUnrefTimers = (imports) =>
  Object.fromEntries(
    Object.entries(imports).map(([name, value]) => {
      if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') return [name, value]
      const unrefSetTimeout = (/** @type {unknown[]} */ ...args) => {
        const timer = value(...args)
        timer?.unref?.()
        return timer
      }
      return [name, unrefSetTimeout]
    }),
  )

/** @type {string | null} */
let panicMessage = null

/** The message of the engine's last panic: it reports one through a global, then traps. */
export const lastPanicMessage = () => panicMessage

/** @type {Promise<void> | undefined} */
let instantiated

// The package's own entry imports the .wasm file as an ES module, which Node 20 cannot do
// without a flag; so we instantiate it ourselves, the way wasm-bindgen's bundler target expects.
const instantiate = () => {
  instantiated ??= (async () => {
    // Without this registry a panic dies in a TypeError and its message is lost.
    const host = /** @type {{ PRISMA_WASM_PANIC_REGISTRY?: unknown }} */ (globalThis)
    host.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (/** @type {string} */ message) => {
        panicMessage = message
      },
    }
    // The .wasm file is not in the package's exports; find it beside the bindings.
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'))
    // (The WebAssembly global is untyped here: @types/node does not declare it.)
    const { instance } = await /** @type {any} */ (globalThis).WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': withUnrefTimers(bindings),
    })
    const exports = /** @type {{ __wbindgen_start(): void }} */ (instance.exports)
    bindings.__wbg_set_wasm(exports)
    exports.__wbindgen_start()
  })()
  return instantiated
}

/**
 * @typedef {{ url: string, shadowDatabaseUrl?: string | undefined }} Datasource
 * @typedef {import('@prisma/schema-engine-wasm').SchemaEngine} SchemaEngine
 */

/**
 * @param {{ datasource: Datasource, datamodels?: [string, string][] | undefined, log?: (line: string) => void }} options
 * @returns {Promise<{ engine: SchemaEngine, close: () => Promise<void> }>}
 */
export const openSchemaEngine = async ({ datasource, datamodels, log = () => {} }) => {
  await instantiate()
  /** @type {Set<import('pg').Pool>} */
  const pools = new Set()
  const adapter = bindMigrationAwareSqlAdapterFactory(createMigrationAdapterFactory(datasource, pools))
  // Datamodels must be undefined or non-empty (see prisma/packages/migrate SchemaEngineWasm).
  const engine = await bindings.SchemaEngine.new(
    { datamodels: datamodels?.length ? datamodels : undefined },
    log,
    adapter,
  )
  const close = async () => {
    engine.free()
    await Promise.all([...pools].map(endPool))
  }
  return { engine, close }
}
