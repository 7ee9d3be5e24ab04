// The whole API. The app imports only this type (AppRouter), never server code.
import { router } from '../trpc'
import { activityRouter } from './activity/router'
import { auditRouter } from './audit/router'
import { authRouter } from './auth/router'
import { backupRouter } from './backup/router'
import { donationRouter } from './donation/router'
import { handoverRouter } from './handover/router'
import { householdRouter } from './household/router'
import { invitationRouter } from './invitation/router'
import { jobRouter } from './job/router'
import { needRouter } from './need/router'
import { noticeRouter } from './notice/router'
import { orgRouter } from './org/router'
import { photoRouter } from './photo/router'
import { reportRouter } from './report/router'
import { residentRouter } from './resident/router'
import { statsRouter } from './stats/router'
import { todoRouter } from './todo/router'
import { userRouter } from './user/router'
import { villageRouter } from './village/router'
import { visitRouter } from './visit/router'

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  village: villageRouter,
  household: householdRouter,
  need: needRouter,
  activity: activityRouter,
  visit: visitRouter,
  donation: donationRouter,
  handover: handoverRouter,
  stats: statsRouter,
  resident: residentRouter,
  report: reportRouter,
  photo: photoRouter,
  audit: auditRouter,
  user: userRouter,
  invitation: invitationRouter,
  backup: backupRouter,
  notice: noticeRouter,
  todo: todoRouter,
  job: jobRouter,
})

export type AppRouter = typeof appRouter
