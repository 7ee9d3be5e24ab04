// Records the one-time subscribe grants (一次性订阅) a user gave in the mini-program: one row per
// accepted template, each spent later by one message (send-notices.ts). Only a WeChat user can
// grant, and only the templates the server sends with.
import type { TRecordGrantsRequest } from '../../../common/contracts/notice/record-grants'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { NO_TEMPLATES, type NoticeTemplates, templateIdsOf } from './templates'

/** The template ids the app asks the user to accept, by purpose (null: not configured). */
export const noticeTemplates = ({ ctx }: { ctx: ServiceContext }) => {
  const templates: NoticeTemplates = ctx.notices ?? NO_TEMPLATES
  return { needStatus: templates.needStatus?.templateId ?? null, reminder: templates.reminder?.templateId ?? null }
}

export const recordGrants = async ({ ctx, input }: { ctx: ServiceContext; input: TRecordGrantsRequest }) => {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.actor.userId }, select: { openid: true } })
  if (!user.openid) throw new AppError('NOTICE_NOT_WECHAT')
  const known = new Set(templateIdsOf(ctx.notices ?? NO_TEMPLATES))
  if (input.templateIds.some((id) => !known.has(id))) {
    const message = '这项提醒暂未开通，请更新小程序后再试'
    throw new AppError('VALIDATION_FAILED', { message, fieldErrors: { templateIds: [message] } })
  }
  await ctx.db.noticeGrant.createMany({
    data: input.templateIds.map((templateId) => ({ userId: ctx.actor.userId, templateId })),
  })
  await writeAudit(ctx, {
    action: 'notice.recordGrants',
    entityType: 'User',
    entityId: ctx.actor.userId,
    before: null,
    after: { templateIds: input.templateIds },
  })
  return { recorded: input.templateIds.length }
}
