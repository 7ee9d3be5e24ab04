// 管理员's 待办, across the tree: needs overdue more than two weeks (督办), the audit chain's last
// check failing, and no good backup for more than two days (services/backup/backup-status.ts).
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { formatShanghaiDateTime, shanghaiDate } from '../../../common/dates'
import { backupStatus, OVERDUE_AFTER_MS } from '../backup/backup-status'
import { escalatedNeeds } from './escalated-needs'
import { ownCadreVillageIds, secretaryVillageIds } from './secretary-todos'
import { ADMIN_ESCALATION_DAYS } from './todo-settings'
import type { TodoArgs, TodoSource } from './todo-source'

const single = (item: TTodoItem | null, limit: number): TodoSource =>
  item ? { items: limit ? [item] : [], total: 1 } : { items: [], total: 0 }

/** The latest check of the audit chain (npm run audit:verify, or audit.verify), when it failed. */
export const brokenAuditChain = async ({ ctx, limit }: TodoArgs): Promise<TodoSource> => {
  const last = await ctx.db.auditVerification.findFirst({
    orderBy: { id: 'desc' },
    select: { verifiedAt: true, isIntact: true, brokenAtSeq: true },
  })
  if (!last || last.isIntact) return single(null, limit)
  return single(
    {
      key: `AUDIT_CHAIN_BROKEN:${last.verifiedAt.toISOString()}`,
      kind: 'AUDIT_CHAIN_BROKEN',
      title: '审计日志校验未通过',
      detail: `${formatShanghaiDateTime(last.verifiedAt)} 校验发现${
        last.brokenAtSeq === null ? '链条不完整' : `第 ${last.brokenAtSeq} 条起链条断裂`
      }，请立即核查`,
      dueOn: shanghaiDate(last.verifiedAt),
      isOverdue: true,
      target: { page: 'auditLog', id: null },
    },
    limit,
  )
}

export const overdueBackup = async ({ ctx, now, limit }: TodoArgs): Promise<TodoSource> => {
  const status = await backupStatus({ ctx, jobs: undefined, now })
  if (!status.isOverdue) return single(null, limit)
  const since = status.lastSuccess?.startedAt
  return single(
    {
      key: `BACKUP_OVERDUE:${since?.toISOString() ?? 'never'}`,
      kind: 'BACKUP_OVERDUE',
      title: '超过两天没有成功的备份',
      detail: since ? `上次成功备份于 ${formatShanghaiDateTime(since)}` : '还没有成功的备份',
      dueOn: since ? shanghaiDate(new Date(since.getTime() + OVERDUE_AFTER_MS)) : shanghaiDate(now),
      isOverdue: true,
      target: { page: 'admin', id: null },
    },
    limit,
  )
}

const escalatedToAdmin = async (args: TodoArgs): Promise<TodoSource> =>
  escalatedNeeds(args, {
    villageIds: null,
    afterDays: ADMIN_ESCALATION_DAYS,
    exceptVillageIds: [...new Set([...(await secretaryVillageIds(args)), ...ownCadreVillageIds(args)])],
  })

export const adminTodos = (args: TodoArgs): Promise<TodoSource[]> =>
  Promise.all([brokenAuditChain(args), overdueBackup(args), escalatedToAdmin(args)])
