// Sends the queued subscribe messages (the outbox, queue-need-notice.ts), each at most once:
//
//  1. claim: in one transaction, due PENDING rows are locked (FOR UPDATE SKIP LOCKED, so two
//     instances never claim one row), each spends one of its user's unspent grants, and becomes
//     SENDING with its attempt number; the transaction commits before anything is sent.
//  2. send: subscribeMessage.send, one request per row.
//  3. record: the answer is written on the row, only if it is still the same attempt.
//
// WeChat's send takes no idempotency key, so whether a message that was sent but not recorded
// reached WeChat cannot be known. Such a row is never sent again: a send that timed out becomes
// UNCERTAIN at once, and a row a stopped process left SENDING becomes UNCERTAIN once its claim is
// older than SENDING_LEASE_MS (longer than any send can take). A duplicate message is the worse
// failure here: the resident sees every change in the app either way. Answers that say WeChat
// sent nothing (rate limits, busy, a stale token, no connection) give the grant back and put the
// row back to PENDING, with a growing delay.
import type { Db } from '../../db/client'
import type { Logger } from '../../lib/logger'
import type { WeChatConfig } from '../auth/wechat-client'
import { type AccessTokens, type SendOutcome, type SubscribeMessage, sendSubscribeMessage } from './wechat-api'

/** A claim older than this whose row is still SENDING belongs to a process that stopped. */
export const SENDING_LEASE_MS = 60_000
/** Rate errors before a message is given up (FAILED). */
const MAX_ATTEMPTS = 8
const backoffMs = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 3_600_000)

type Claimed = { id: string; attempt: number; message: SubscribeMessage }

export type SendNoticesOptions = {
  db: Db
  wechat: WeChatConfig
  tokens: AccessTokens
  log: Logger
  miniprogramState?: SubscribeMessage['miniprogram_state']
  batchSize?: number
  now?: () => Date
}

export type SendNoticesResult = Record<SendOutcome['kind'] | 'noGrant' | 'abandoned', number>

/** Marks rows a stopped process left SENDING as UNCERTAIN: they are never sent again. */
const abandonStaleClaims = async (db: Db, now: Date) =>
  (
    await db.notice.updateMany({
      where: { status: 'SENDING', claimedAt: { lt: new Date(now.getTime() - SENDING_LEASE_MS) } },
      data: { status: 'UNCERTAIN', finishedAt: now, error: 'the sending process stopped before recording the answer' },
    })
  ).count

const claimDue = async (
  db: Db,
  now: Date,
  batchSize: number,
  state: SubscribeMessage['miniprogram_state'],
): Promise<{ claimed: Claimed[]; noGrant: number; seen: number }> =>
  db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; userId: string; templateId: string; page: string; data: object; attempts: number }[]
    >`SELECT id, "userId", "templateId", page, data, attempts FROM "Notice"
      WHERE status = 'PENDING' AND "notBefore" <= ${now}
      ORDER BY "notBefore", id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`
    const claimed: Claimed[] = []
    let noGrant = 0
    for (const row of rows) {
      const user = await tx.user.findUnique({ where: { id: row.userId }, select: { openid: true, isActive: true } })
      // A grant another instance is spending is locked, and skipped: it is not ours to spend.
      const [grant] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "NoticeGrant"
        WHERE "userId" = ${row.userId}::uuid AND "templateId" = ${row.templateId} AND "spentAt" IS NULL
        ORDER BY "grantedAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`
      if (!user?.openid || !user.isActive || !grant) {
        noGrant += 1
        await tx.notice.update({
          where: { id: row.id },
          data: {
            status: 'REFUSED',
            finishedAt: now,
            error:
              !user?.openid || !user.isActive ? 'the user can no longer be reached through WeChat' : 'no grant left',
          },
        })
        continue
      }
      await tx.noticeGrant.update({ where: { id: grant.id }, data: { spentAt: now, noticeId: row.id } })
      const attempt = row.attempts + 1
      await tx.notice.update({
        where: { id: row.id },
        data: { status: 'SENDING', claimedAt: now, attempts: attempt },
      })
      claimed.push({
        id: row.id,
        attempt,
        message: {
          touser: user.openid,
          template_id: row.templateId,
          page: row.page,
          data: row.data,
          miniprogram_state: state,
        },
      })
    }
    return { claimed, noGrant, seen: rows.length }
  })

const record = async (db: Db, { id, attempt }: Claimed, outcome: SendOutcome, now: Date) => {
  const mine = { id, status: 'SENDING' as const, attempts: attempt }
  if (outcome.kind === 'sent') {
    await db.notice.updateMany({ where: mine, data: { status: 'SENT', finishedAt: now, errcode: 0, error: null } })
    return
  }
  const { errcode, error } = outcome
  if (outcome.kind !== 'retry' || attempt >= MAX_ATTEMPTS) {
    const status =
      outcome.kind === 'retry'
        ? 'FAILED'
        : ({ refused: 'REFUSED', failed: 'FAILED', uncertain: 'UNCERTAIN' } as const)[outcome.kind]
    await db.notice.updateMany({ where: mine, data: { status, finishedAt: now, errcode, error } })
    return
  }
  // Nothing was sent: the grant is the user's again, and the row waits its turn.
  await db.$transaction(async (tx) => {
    const { count } = await tx.notice.updateMany({
      where: mine,
      data: { status: 'PENDING', notBefore: new Date(now.getTime() + backoffMs(attempt)), errcode, error },
    })
    if (count) await tx.noticeGrant.updateMany({ where: { noticeId: id }, data: { spentAt: null, noticeId: null } })
  })
}

/** One pass: abandons stale claims, then claims, sends and records due rows until none is left. */
export const sendDueNotices = async ({
  db,
  wechat,
  tokens,
  log,
  miniprogramState = 'formal',
  batchSize = 20,
  now = () => new Date(),
}: SendNoticesOptions): Promise<SendNoticesResult> => {
  const result: SendNoticesResult = { sent: 0, refused: 0, failed: 0, retry: 0, uncertain: 0, noGrant: 0, abandoned: 0 }
  result.abandoned = await abandonStaleClaims(db, now())
  if (result.abandoned) log.warn({ notices: result.abandoned }, 'subscribe messages left mid-send are marked uncertain')
  for (;;) {
    const { claimed, noGrant, seen } = await claimDue(db, now(), batchSize, miniprogramState)
    result.noGrant += noGrant
    for (const notice of claimed) {
      const outcome = await sendSubscribeMessage(wechat, tokens, notice.message)
      await record(db, notice, outcome, now())
      result[outcome.kind] += 1
      if (outcome.kind !== 'sent') log.warn({ notice: notice.id, outcome }, 'subscribe message not sent')
    }
    // Rows put back after a rate error are not due again in this pass.
    if (seen < batchSize) break
  }
  return result
}
