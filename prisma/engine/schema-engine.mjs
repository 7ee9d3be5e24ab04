#!/usr/bin/env node
// @ts-check
// Stand-in for Prisma's native `schema-engine` binary, which the CLI would download from a host
// that government intranets (and our CI) cannot reach. prisma.config.ts points
// PRISMA_SCHEMA_ENGINE_BINARY here. It speaks the binary's two interfaces:
//   schema-engine --datasource <json> cli <can-connect-to-database|create-database|drop-database>
//   schema-engine [--datamodels <file>]... --datasource <json>    (JSON-RPC 2.0, one message a line)
// and answers both with the same engine compiled to WebAssembly (see wasm-engine.mjs).
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import pg from 'pg'
import { lastPanicMessage, openSchemaEngine } from './wasm-engine.mjs'

const ENGINE_VERSION = '0edf323efd1d98336f3f0a68684b56f689b900d3'

/** @param {string[]} argv */
const parseArgs = (argv) => {
  /** @type {string[]} */
  const datamodels = []
  /** @type {{ url: string, shadowDatabaseUrl?: string } | undefined} */
  let datasource
  /** @type {string[]} */
  const rest = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--datamodels') datamodels.push(String(argv[++i]))
    else if (arg === '--datasource') datasource = JSON.parse(String(argv[++i]))
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++
    else if (arg !== undefined) rest.push(arg)
  }
  return { datamodels, datasource, rest }
}

/**
 * The CLI reads failures of `cli` subcommands from stderr: a first line, then JSON log lines,
 * one of which is an ERROR from `schema_engine::logger` with an error code.
 * @param {string} errorCode @param {string} message
 */
const failCli = (errorCode, message) => {
  process.stderr.write('schema-engine stand-in\n')
  process.stderr.write(
    `${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { message, error_code: errorCode } })}\n`,
  )
  process.exit(1)
}

/** @param {unknown} error */
const describePgError = (error) => {
  const e = /** @type {{ code?: string, message?: string }} */ (error)
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND')
    return { code: 'P1001', message: `Can't reach database server: ${e.message}` }
  if (e.code === '28P01' || e.code === '28000') return { code: 'P1000', message: `Authentication failed: ${e.message}` }
  if (e.code === '3D000') return { code: 'P1003', message: `Database does not exist: ${e.message}` }
  return { code: 'P1000', message: String(e.message ?? error) }
}

/** @param {string} url */
const databaseOf = (url) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'

/** @param {string} url @param {string} database */
const withDatabase = (url, database) => {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(database)}`
  return u.toString()
}

/** @param {string} name */
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`

/** The native binary's connection subcommands, which the Wasm engine does not have. */
/** @param {string} command @param {string} url */
const runCliCommand = async (command, url) => {
  /** @param {string} target @param {(c: pg.Client) => Promise<unknown>} fn */
  const withClient = async (target, fn) => {
    const client = new pg.Client({ connectionString: target })
    await client.connect()
    try {
      await fn(client)
    } finally {
      await client.end()
    }
  }
  const database = databaseOf(url)
  try {
    if (command === 'can-connect-to-database') {
      await withClient(url, (c) => c.query('SELECT 1'))
    } else if (command === 'create-database') {
      await withClient(withDatabase(url, 'postgres'), async (c) => {
        const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
        if (!rowCount) await c.query(`CREATE DATABASE ${quoteIdent(database)}`)
      })
    } else if (command === 'drop-database') {
      await withClient(withDatabase(url, 'postgres'), (c) =>
        c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
      )
    } else {
      failCli('P1000', `Unknown cli subcommand: ${command}`)
    }
  } catch (error) {
    const { code, message } = describePgError(error)
    failCli(code, message)
  }
  process.exit(0)
}

/** The CLI's RPC names that differ from the Wasm engine's method names. */
const RPC_TO_WASM = /** @type {Record<string, string>} */ ({ getDatabaseVersion: 'version' })

/**
 * The Wasm engine hands its shadow-database factory to devDiagnostic, diagnoseMigrationHistory and
 * diff, but not to these two; they only find the migration history's schema in the engine's
 * cache. A diagnoseMigrationHistory first, with the same migrations, fills that cache.
 */
const SHADOW_WITHOUT_FACTORY = new Set(['evaluateDataLoss', 'createMigration'])

/** @param {unknown} error */
const toRpcError = (error) => {
  const e = /** @type {{ code?: string, message?: string, meta?: unknown, name?: string }} */ (error)
  const message = String(e?.message ?? error)
  const isPanic = e?.name === 'RuntimeError' || /panicked at/.test(message)
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: isPanic,
      message,
      error_code: typeof e?.code === 'string' ? e.code : undefined,
      meta: e?.meta ?? null,
    },
  }
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string } | undefined} datasource
 * @param {string[]} datamodelPaths
 */
const serveRpc = async (datasource, datamodelPaths) => {
  if (!datasource?.url) {
    process.stderr.write('schema-engine stand-in: --datasource with a url is required\n')
    process.exit(1)
  }
  /** @type {[string, string][]} */
  const datamodels = datamodelPaths.map((p) => [p, readFileSync(p, 'utf8')])
  /** @type {Promise<import('@prisma/schema-engine-wasm').SchemaEngine> | undefined} */
  let enginePromise
  const engine = () => {
    enginePromise ??= openSchemaEngine({
      datasource,
      datamodels,
      log: (line) => process.stderr.write(`${line}\n`),
    }).then((opened) => opened.engine)
    return enginePromise
  }
  /** @param {unknown} message */
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`)
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  /** @type {Promise<void>} */
  let queue = Promise.resolve()
  /** The request being served, so that a panic (which escapes its promise) still gets an answer. */
  /** @type {unknown} */
  let servingId = null
  process.on('uncaughtException', (error) => {
    const panic = lastPanicMessage()
    process.stderr.write(`schema-engine stand-in: ${panic ?? error.stack ?? error}\n`)
    if (servingId !== null) {
      const failure = toRpcError(panic ? Object.assign(new Error(panic), { name: 'RuntimeError' }) : error)
      send({ jsonrpc: '2.0', id: servingId, error: failure })
    }
    process.exit(1)
  })
  lines.on('line', (line) => {
    if (!line.trim()) return
    /** @type {{ id?: number, method?: string, params?: unknown, result?: unknown }} */
    const request = JSON.parse(line)
    if (request.method === undefined) return // a reply to one of our own requests
    // The engine handles one command at a time, in order, like the native binary.
    queue = queue.then(async () => {
      servingId = request.id ?? null
      const method = RPC_TO_WASM[request.method ?? ''] ?? request.method ?? ''
      try {
        const e = /** @type {Record<string, (p: unknown) => Promise<unknown>>} */ (
          /** @type {unknown} */ (await engine())
        )
        if (typeof e[method] !== 'function') throw new Error(`Unknown method: ${request.method}`)
        const params = /** @type {any} */ (request.params ?? {})
        if (SHADOW_WITHOUT_FACTORY.has(method) && params.migrationsList) {
          await /** @type {(p: unknown) => Promise<unknown>} */ (e.diagnoseMigrationHistory).call(e, {
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters ?? { externalTables: [], externalEnums: [] },
          })
        }
        const result = /** @type {any} */ (await e[method].call(e, params))
        if (method === 'diff' && typeof result?.stdout === 'string') {
          // The native binary prints through a `print` request to the CLI; the Wasm engine returns it.
          send({ jsonrpc: '2.0', id: `print-${request.id}`, method: 'print', params: { content: result.stdout } })
          delete result.stdout
        }
        send({ jsonrpc: '2.0', id: request.id, result: result ?? null })
      } catch (error) {
        send({ jsonrpc: '2.0', id: request.id, error: toRpcError(error) })
      }
      servingId = null
    })
  })
  lines.on('close', () => {
    queue.then(() => process.exit(0))
  })
}

const main = async () => {
  const argv = process.argv.slice(2)
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`schema-engine-cli ${ENGINE_VERSION}\n`)
    return
  }
  const { datamodels, datasource, rest } = parseArgs(argv)
  if (rest[0] === 'cli') {
    if (!datasource?.url) failCli('P1012', 'The datasource has no url')
    return runCliCommand(String(rest[1]), /** @type {{ url: string }} */ (datasource).url)
  }
  return serveRpc(datasource, datamodels)
}

await main()
