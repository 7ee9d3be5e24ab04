// The 党员花名册 import's commit: re-checks the file inside one transaction and writes every row,
// or none (a check that finds errors rolls back and answers IMPORT_HAS_ERRORS with the report).
// New accounts get one-time passwords, listed once in the answer for the secretary to hand out;
// existing ones (same phone and name) get the 党员 role in the org. Under the caller's retry key,
// bound to the file's digest: a repeat answers the first result, another file under the key is
// refused as a reused key.
import type {
  MemberImportIssue,
  MemberRosterCommit,
  MemberRosterCounts,
} from '../../../common/contracts/import/member-roster-import'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { hashPassword } from '../auth/passwords'
import { today } from '../auth/periods'
import { runIdempotent } from '../idempotency'
import type { ServiceContext } from '../service-context'
import { insertAccount } from '../users/insert-account'
import { oneTimePassword } from '../users/one-time-password'
import { checkMemberRoster, type MemberPlan, type ParsedMemberRoster } from './member-roster-check'

/** A long roster takes a while: longer than a form's transaction. */
const COMMIT_TIMEOUT_MS = 180_000

type Secret = { password: string; passwordHash: string }

const newSecret = async (): Promise<Secret> => {
  const password = oneTimePassword()
  return { password, passwordHash: await hashPassword(password) }
}

/** The report a commit answers when the file has errors: nothing was written. */
export type MemberRosterReport = {
  digest: string
  counts: MemberRosterCounts
  errorCount: number
  warningCount: number
  errors: MemberImportIssue[]
  warnings: MemberImportIssue[]
  isTruncated: boolean
}

export class MemberImportHasErrors extends AppError {
  constructor(readonly report: MemberRosterReport) {
    super('IMPORT_HAS_ERRORS')
  }
}

export const commitMemberRoster = async ({
  ctx,
  clientMutationId,
  parsed,
}: {
  ctx: ServiceContext & Pick<Context, 'prisma'>
  clientMutationId: string
  parsed: ParsedMemberRoster
}): Promise<MemberRosterCommit> => {
  // Hashing a password takes tens of milliseconds: the new accounts' are made before the
  // transaction opens (runIdempotent's guard wraps each real run, never a replay), so a long
  // roster does not hold it open for minutes. A row found new only inside gets one there.
  const secrets = new Map<string, Secret>()
  type Step = { ok: true; data: MemberRosterCommit } | { ok: false; report: MemberRosterReport }
  const outcome = await runIdempotent<Step>({
    prisma: ctx.prisma,
    crypto: ctx.crypto,
    userId: ctx.actor.userId,
    procedure: 'import.memberRoster',
    rawInput: { clientMutationId, digest: parsed.digest },
    timeoutMs: COMMIT_TIMEOUT_MS,
    guard: async (execute) => {
      const { plans } = await checkMemberRoster({ ctx, parsed })
      for (const plan of plans) if (plan.action === 'CREATE') secrets.set(plan.phone, await newSecret())
      return execute()
    },
    run: async (tx) => {
      const txCtx: ServiceContext = { ...ctx, db: tx }
      const { plans, ...check } = await checkMemberRoster({ ctx: txCtx, parsed, lock: true })
      if (check.errorCount) return { ok: false, report: check }
      const startedOn = today()
      const created: MemberRosterCommit['created'] = []
      const rolesAdded: MemberRosterCommit['rolesAdded'] = []
      const role = (plan: MemberPlan) => ({ orgId: plan.org.id, role: 'MEMBER' as const, title: plan.title, startedOn })
      for (const plan of plans) {
        if (plan.action === 'CREATE') {
          const secret = secrets.get(plan.phone) ?? (await newSecret())
          const { id, audited } = await insertAccount(tx, {
            displayName: plan.displayName,
            phone: plan.phone,
            passwordHash: secret.passwordHash,
            roles: [role(plan)],
            posts: [],
          })
          await writeAudit(txCtx, { action: 'user.create', entityType: 'User', entityId: id, after: audited })
          created.push({
            row: plan.row,
            userId: id,
            displayName: plan.displayName,
            phone: plan.phone,
            orgName: plan.org.name,
            oneTimePassword: secret.password,
          })
        } else if (plan.action === 'ADD_ROLE' && plan.userId) {
          const membership = await tx.membership.create({ data: { userId: plan.userId, ...role(plan) } })
          await writeAudit(txCtx, {
            action: 'user.addRole',
            entityType: 'User',
            entityId: plan.userId,
            after: { membershipId: membership.id, ...role(plan) },
          })
          rolesAdded.push({ row: plan.row, userId: plan.userId, displayName: plan.displayName, orgName: plan.org.name })
        }
      }
      await writeAudit(txCtx, {
        action: 'member.import',
        entityType: 'MemberImport',
        entityId: clientMutationId,
        after: { digest: parsed.digest, ...check.counts, warningCount: check.warningCount },
      })
      return {
        ok: true,
        data: {
          mode: 'commit',
          digest: parsed.digest,
          counts: check.counts,
          created,
          rolesAdded,
          warningCount: check.warningCount,
          warnings: check.warnings,
        },
      }
    },
  })
  if (!outcome.ok) throw new MemberImportHasErrors(outcome.report)
  return outcome.data
}
