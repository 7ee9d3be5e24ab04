// The server's scheduled work, for administrators (任务运行): how each job stands.
import { router } from '../../trpc'
import { getJobStatusRoute } from './get-job-status'

export const jobRouter = router({
  status: getJobStatusRoute,
})
