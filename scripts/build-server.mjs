// `npm run build:server`: the server as one JavaScript module, dist/server/main.mjs, which
// `npm start` runs (scripts/ensure-build.mjs builds it when it is missing or older than its
// sources). Production then loads plain JavaScript, without a TypeScript loader in the process.
//   - Packages stay in node_modules (imported as they are), only our own code is bundled.
//   - prisma/engine/*.mjs stay files of their own, imported from where they are: the schema engine
//     (WebAssembly) loads only when the server has migrations to apply (server/start.ts), and the
//     migrations folder is found beside them.
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

await build({
  absWorkingDir: root,
  entryPoints: ['server/main.ts'],
  outfile: path.join(outdir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [engineFilesInPlace],
})
