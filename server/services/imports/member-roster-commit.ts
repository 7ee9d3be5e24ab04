// The 党员花名册 import's commit, as every import's (import-commit.ts): re-checks the file inside
// one transaction and writes every row, or none, once per retry key. New accounts get one-time
// passwords, listed once in the answer for the secretary to hand out; existing ones (same phone
// and name) get the 党员 role in the org.
import type { MemberRosterCommit, MemberRosterReport } from '../../../common/contracts/import/member-roster-import'
import type { Context } from '../../context'
import { writeAudit } from '../audit/write-audit'
import { hashPassword } from '../auth/passwords'
import { today } from '../auth/periods'
import type { ServiceContext } from '../service-context'
import { insertAccount } from '../users/insert-account'
import { oneTimePassword } from '../users/one-time-password'
import { commitImport, committed } from './import-commit'
import { checkMemberRoster, type MemberPlan, type ParsedMemberRoster } from './member-roster-check'

type Secret = { password: string; passwordHash: string }

const newSecret = async (): Promise<Secret> => {
  const password = oneTimePassword()
  return { password, passwordHash: await hashPassword(password) }
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
  return commitImport<MemberRosterCommit, MemberRosterReport>({
    ctx,
    procedure: 'import.memberRoster',
    clientMutationId,
    digest: parsed.digest,
    // A long roster takes a while: longer than a form's transaction.
    timeoutMs: 180_000,
    guard: async (execute) => {
      const { plans } = await checkMemberRoster({ ctx, parsed })
      for (const plan of plans) if (plan.action === 'CREATE') secrets.set(plan.phone, await newSecret())
      return execute()
    },
    run: async (txCtx, tx) => {
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
      return { ok: true, data: { ...committed(check), created, rolesAdded } }
    },
  })
}
