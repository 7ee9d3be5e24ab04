// The server as `npm start` runs it, for the measures that time calls over HTTP: the build
// (dist/server/main.mjs, made first when stale) with the start script's Node flags and settings,
// in a process of its own. What a phone waits for is that server's time, not the sources' under tsx.
import { spawnSync } from 'node:child_process'
import { ROOT, type ServerProcess, startServerProcess } from '../tests/reliability/server-process'

export const startProductionServer = async (
  env: Record<string, string | undefined>,
  { root = ROOT }: { root?: string } = {},
): Promise<ServerProcess> => {
  // The build's own output goes to stderr: stdout carries the measures' JSON lines.
  const built = spawnSync(process.execPath, ['scripts/ensure-build.mjs', 'server'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  })
  if (built.status !== 0) throw new Error(`The server in ${root} could not be built (exit ${built.status}).`)
  return startServerProcess(env, { root, isCompiled: true })
}
