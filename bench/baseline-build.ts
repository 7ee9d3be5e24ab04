// The H5 build of another commit, for the h5-load measure to load in turn with this checkout's
// (H5_BASELINE_REF=<commit or branch>): the commit is checked out in a temporary git worktree
// that shares this checkout's node_modules, built there with its own config and build script,
// and removed afterwards. The same machine, browser and server then load both in one run.
import { spawnSync } from 'node:child_process'
import { realpathSync, symlinkSync } from 'node:fs'
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

export type BaselineBuild = { ref: string; commit: string; dir: string; remove: () => Promise<void> }

export const buildBaseline = async (ref: string): Promise<BaselineBuild> => {
  const commit = run('git', ['rev-parse', '--short', `${ref}^{commit}`])
  const checkout = await mkdtemp(path.join(tmpdir(), `pdrl-baseline-${commit}-`))
  const remove = async () => {
    spawnSync('git', ['worktree', 'remove', '--force', checkout], { cwd: ROOT })
    await rm(checkout, { recursive: true, force: true })
  }
  try {
    run('git', ['worktree', 'add', '--detach', checkout, commit])
    symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(checkout, 'node_modules'))
    console.error(`[h5-load] building ${ref} (${commit}) for the baseline…`)
    run(process.execPath, ['scripts/taro-build.mjs', 'h5'], checkout)
    return { ref, commit, dir: path.join(checkout, 'dist/h5'), remove }
  } catch (error) {
    await remove()
    throw error
  }
}
