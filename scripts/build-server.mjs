// `npm run build:server`: the server as JavaScript modules, dist/server/main.mjs and the chunks it
// imports, which `npm start` runs (scripts/ensure-build.mjs builds it when it is missing or older
// than its sources). Production then loads plain JavaScript, without a TypeScript loader in the process.
//   - Packages stay in node_modules (imported as they are), only our own code is bundled.
//   - What main.ts imports dynamically (the server proper) is a chunk of its own: main.mjs starts
//     the embedded PostgreSQL before the rest of the server and its packages load.
//   - prisma/engine/*.mjs stay files of their own, imported from where they are: the schema engine
//     (WebAssembly) loads only when the server has migrations to apply (server/start.ts), and the
//     migrations folder is found beside them.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')
const outdir = path.join(root, 'dist', 'server')

/** prisma/engine/*.mjs: external, at their path from dist/server. */
const engineFilesInPlace = {
  name: 'engine-files-in-place',
  setup(builder) {
    builder.onResolve({ filter: /prisma\/engine\/[^/]+\.mjs$/ }, (args) => ({
      path: path.relative(outdir, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/'),
      external: true,
    }))
  },
}

/**
 * Prisma's generated client carries its query compiler (WebAssembly) as a module of base64 text,
 * which every start parses, decodes and then keeps in memory for good. The build writes the
 * compiler's bytes to dist/server/query-compiler.wasm instead, and the client reads them from there.
 */
const queryCompilerFromFile = {
  name: 'query-compiler-from-file',
  setup(builder) {
    builder.onLoad({ filter: /generated[\\/]prisma[\\/]internal[\\/]class\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      const loading =
        /const \{ wasm \} = await import\("([^"]+\.wasm-base64\.mjs)"\)\s*return await decodeBase64AsWasm\(wasm\)/
      const found = loading.exec(source)
      if (!found) throw new Error(`${args.path}: the query compiler's loading is not the one this build replaces`)
      const { wasm } = await import(found[1])
      await writeFile(path.join(outdir, 'query-compiler.wasm'), Buffer.from(wasm, 'base64'))
      const reading = `const { readFile } = await import('node:fs/promises')
    return await WebAssembly.compile(await readFile(new URL('./query-compiler.wasm', import.meta.url)))`
      return { contents: source.replace(loading, reading), loader: 'ts' }
    })
  },
}

// Chunks are named by their content: those of an earlier build would stay beside the new ones.
await rm(outdir, { recursive: true, force: true })
await mkdir(outdir, { recursive: true })
await build({
  absWorkingDir: root,
  entryPoints: ['server/main.ts'],
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [engineFilesInPlace, queryCompilerFromFile],
})
