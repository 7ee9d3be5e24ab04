// `npm run admin:create -- <args>` as an operator runs it: package.json's `tsx scripts/admin-create.ts`,
// a child process on this Node, on the database its environment names (DATABASE_URL, or the
// embedded one under DATA_DIR on a new installation).
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SCRIPT = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['admin:create'] as string

export type AdminCreateRun = { code: number; stdout: string; stderr: string }

/** Never throws: a refusal is exit code 1 and its line on stderr. */
export const runAdminCreate = async (args: readonly string[], env: NodeJS.ProcessEnv): Promise<AdminCreateRun> => {
  const [runner, script] = SCRIPT.split(' ')
  if (runner !== 'tsx' || !script) throw new Error(`admin:create is not run as "tsx <script>": ${SCRIPT}`)
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'silent' },
      timeout: 170_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

/** A new installation's environment: the embedded database under `dataDir`, and none of this run's own. */
export const newInstallationEnv = (dataDir: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_URL
  delete env.FIELD_ENCRYPTION_KEY
  return env
}

export const oneTimePasswordOf = (run: AdminCreateRun) => /One-time password: (\S+)/.exec(run.stdout)?.[1] ?? ''
