// The audit trail's tamper evidence: append-only for the application, and a hash chain that
// `npm run audit:verify` walks, reporting the first broken link, and the head to keep elsewhere.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../server/services/audit/verify-chain'
import { householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
  for (let i = 0; i < 4; i++) await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
})

/** What only someone with the database's owner rights could do: write past the trigger. */
const asOwner = async (sql: string) => {
  await world.deps.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER "audit_log_append_only"')
    await tx.$executeRawUnsafe(sql)
    await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER "audit_log_append_only"')
  })
}

const runCli = (...args: string[]) =>
  promisify(execFile)('npx', ['tsx', 'scripts/audit-verify.ts', ...args], {
    env: { ...process.env, DATABASE_URL: world.deps.url },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  )

describe('audit chain', () => {
  it('refuses changes and deletions from the application', async () => {
    await expect(world.deps.prisma.auditLog.updateMany({ data: { action: 'x' } })).rejects.toThrow(/append-only/)
    await expect(world.deps.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/)
  })

  it('verifies, and reports the head; the command says so too', async () => {
    const report = await verifyAuditChain(world.deps.prisma)
    expect(report.firstBroken).toBeNull()
    expect(report.entries).toBeGreaterThanOrEqual(4)
    expect(report.head).toMatch(new RegExp(`^${report.entries}:[0-9a-f]{64}$`))
    const cli = await runCli('--expect-head', report.head as string)
    expect(cli.code).toBe(0)
    expect(cli.out).toContain(`Audit chain intact: ${report.entries} entries verified.`)
    expect(cli.out).toContain(`Head: ${report.head}`)
  })

  it('finds an entry cut off the end, by the head kept from before', async () => {
    const head = (await verifyAuditChain(world.deps.prisma)).head as string
    const lastSeq = Number(head.split(':')[0])
    await asOwner(`DELETE FROM "AuditLog" WHERE "chainSeq" = ${lastSeq}`)
    expect((await verifyAuditChain(world.deps.prisma)).firstBroken).toBeNull()
    const report = await verifyAuditChain(world.deps.prisma, { expectedHead: head })
    expect(report.firstBroken).toMatchObject({ reason: 'headMissing', chainSeq: String(lastSeq) })
    const cli = await runCli('--expect-head', head)
    expect(cli.code).toBe(1)
    expect(cli.out).toContain('BROKEN')
  })

  it('finds a rewritten entry, then a removed one, at the first broken link', async () => {
    await asOwner(`UPDATE "AuditLog" SET "after" = '{"headName":"改过"}' WHERE "chainSeq" = 3`)
    expect((await verifyAuditChain(world.deps.prisma)).firstBroken).toMatchObject({ chainSeq: '3', reason: 'hash' })
    await asOwner(`DELETE FROM "AuditLog" WHERE "chainSeq" = 2`)
    const report = await verifyAuditChain(world.deps.prisma)
    expect(report).toMatchObject({ entries: 1, firstBroken: { chainSeq: '3', reason: 'gap' } })
  })
})
