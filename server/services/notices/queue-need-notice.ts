// Queues the WeChat message that tells a resident their own need changed status (受理, 转交, 办结
// and the request for a 回访), in the transaction of the change itself: the message is queued if
// and only if the change is kept. The outbox's eventKey is unique, so one step of a need's
// timeline queues one message at most. The message names the need by the day it was submitted,
// never by its description (which may speak of health or money), as the template allows.
import { shanghaiDate } from '../../../common/dates'
import { NEED_STATUS_LABELS, type NeedStatus } from '../../../common/enums'
import type { ServiceContext } from '../service-context'
import { renderFields } from './templates'

const TIPS: Record<NeedStatus, string> = {
  RECEIVED: '您的诉求已受理',
  HANDLED_DIRECTLY: '您的诉求已直接办理',
  TRANSFERRED: '已转交责任单位办理',
  IN_PROGRESS: '您的诉求正在办理中',
  RESOLVED: '已办结，请在小程序中评价',
  FOLLOWED_UP: '感谢您的评价',
  REJECTED: '详情请在小程序中查看',
}

/** 12月6日提交的诉求, the day in Beijing time. */
const subjectOf = (submittedAt: Date) => {
  const [, month, day] = shanghaiDate(submittedAt).split('-').map(Number)
  return `${month}月${day}日提交的诉求`
}

export const needNoticePage = (needId: string) => `package-resident/need-detail/index?id=${needId}`

export const queueNeedStatusNotice = async (
  ctx: ServiceContext,
  {
    need,
    eventId,
    to,
    at,
  }: {
    need: { id: string; householdId: string; source: string; createdById: string | null; createdAt: Date }
    /** The NeedEvent that records the change. */
    eventId: string
    to: NeedStatus
    at: Date
  },
): Promise<void> => {
  const template = ctx.notices?.needStatus
  // Only a need a resident submitted has someone to tell, and only while they still belong to
  // the household and can be reached through WeChat.
  if (!template || need.source !== 'RESIDENT' || !need.createdById) return
  const recipient = await ctx.db.user.findUnique({
    where: { id: need.createdById },
    select: { openid: true, isActive: true, householdId: true },
  })
  if (!recipient?.openid || !recipient.isActive || recipient.householdId !== need.householdId) return
  await ctx.db.notice.create({
    data: {
      eventKey: `need-event:${eventId}`,
      userId: need.createdById,
      templateId: template.templateId,
      page: needNoticePage(need.id),
      data: renderFields(template, {
        subject: subjectOf(need.createdAt),
        status: NEED_STATUS_LABELS[to],
        time: at,
        tip: TIPS[to],
      }),
    },
  })
}
