// What the backup and disaster-recovery suites do as an operator and as a user would: run an npm
// command (with the test run's database settings cleared), count every table's rows, upload a
// photo, and walk the audit chain.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { expect } from 'vitest'
import { createPrismaClient } from '../../server/db/client'
import { verifyAuditChain } from '../../server/services/audit/verify-chain'
import { apiClient, RELIABILITY_PASSWORD, ROOT, withClient } from './server-process'

export type Run = { code: number | null; stdout: string; stderr: string; ms: number }

/** A command as an operator types it, with the server's environment cleared of the test run's. */
export const run = (command: string, args: string[], env: Record<string, string>): Promise<Run> =>
  new Promise((resolve) => {
    const started = performance.now()
    const child: ChildProcess = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: '',
        FIELD_ENCRYPTION_KEY: '',
        FIELD_ENCRYPTION_KEY_PREVIOUS: '',
        BACKUP_DIR: '',
        BACKUP_KEY_DIR: '',
        ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) }))
  })

export const npmRun = (script: string, args: string[], env: Record<string, string>) =>
  run('npm', ['run', '--silent', script, '--', ...args], env)

export const explain = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`

/** Rows in every table of the public schema, _prisma_migrations included. */
export const rowCounts = (url: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
    )
    const counts: Record<string, number> = {}
    for (const { name } of rows) {
      const result = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public."${name}"`)
      counts[name] = Number(result.rows[0]?.n)
    }
    return counts
  })

export const sha256Of = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A session token, for the photo routes (plain HTTP, not tRPC). */
export const tokenOf = async (url: string, phone: string) =>
  (await apiClient(url).auth.loginWithPassword.mutate({ phone, password: RELIABILITY_PASSWORD })).token

/** Uploads a small PNG as evidence of a visit, as the app does. */
export const uploadPhoto = async (url: string, token: string, visitId: string) => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'visit.png')
  const response = await fetch(`${url}/uploads/photo?visitId=${visitId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  expect(response.status).toBe(201)
  return (await response.json()) as { id: string; sha256: string }
}

export const auditChainOf = async (url: string) => {
  const prisma = createPrismaClient({ url, poolSize: 2 })
  try {
    return await verifyAuditChain(prisma)
  } finally {
    await prisma.$disconnect()
  }
}
