// Another commit's build, for a measure to load in turn with this checkout's: the commit is checked
// out in a temporary git worktree that shares this checkout's node_modules, built there with its
// own config and build script, and removed afterwards. The same machine then loads both in one run.
//   - the H5 app, for h5-load (H5_BASELINE_REF=<commit or branch>);
//   - the server (dist/server), for capacity-cpu (CAPACITY_BASELINE_REF).
import { spawnSync } from 'node:child_process'
import { cpSync, realpathSync, symlinkSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

const run = (command: string, args: string[], cwd = ROOT) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  return result.stdout.trim()
}

export type BaselineBuild = {
  ref: string
  commit: string
  /** The temporary checkout. */
  checkout: string
  /** What was built in it. */
  dir: string
  remove: () => Promise<void>
}

const buildIn = async (
  ref: string,
  what: 'h5' | 'server',
  build: string[],
  prepare: (checkout: string) => void = () => {},
): Promise<BaselineBuild> => {
  const commit = run('git', ['rev-parse', '--short', `${ref}^{commit}`])
  const checkout = await mkdtemp(path.join(tmpdir(), `pdrl-baseline-${commit}-`))
  const remove = async () => {
    spawnSync('git', ['worktree', 'remove', '--force', checkout], { cwd: ROOT })
    await rm(checkout, { recursive: true, force: true })
  }
  try {
    run('git', ['worktree', 'add', '--detach', checkout, commit])
    symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(checkout, 'node_modules'))
    prepare(checkout)
    console.error(`[baseline] building the ${what} of ${ref} (${commit})…`)
    run(process.execPath, build, checkout)
    return { ref, commit, checkout, dir: path.join(checkout, 'dist', what), remove }
  } catch (error) {
    await remove()
    throw error
  }
}

/** The H5 app of `ref`, built with its own Taro config. */
export const buildBaseline = (ref: string): Promise<BaselineBuild> =>
  buildIn(ref, 'h5', ['scripts/taro-build.mjs', 'h5'])

/**
 * The server of `ref` as `npm start` runs it (dist/server). Prisma's generated client, which git
 * does not keep, is this checkout's: the two must share the schema.
 */
export const buildServerBaseline = (ref: string): Promise<BaselineBuild> =>
  buildIn(ref, 'server', ['scripts/ensure-build.mjs', 'server'], (checkout) =>
    cpSync(path.join(ROOT, 'server/generated'), path.join(checkout, 'server/generated'), { recursive: true }),
  )
