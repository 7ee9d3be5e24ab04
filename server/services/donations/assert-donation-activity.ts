// A donation booked to an activity must be one the recorder can see, held in the donation's
// village (an activity with no village, such as a branch meeting, takes donations for any).
import { fieldError } from '../../errors'
import { activityScope } from '../scope'
import type { ServiceContext } from '../service-context'

export const assertDonationActivity = async (ctx: ServiceContext, activityId: string, villageId: string) => {
  const activity = await ctx.db.activity.findFirst({
    where: { id: activityId, ...activityScope(ctx.actor) },
    select: { villageId: true },
  })
  if (!activity) throw fieldError('activityId', '所选的活动不存在或不在您的范围内')
  if (activity.villageId && activity.villageId !== villageId) {
    throw fieldError('activityId', '所选的活动不在这笔捐赠的受赠村，请核对')
  }
}
