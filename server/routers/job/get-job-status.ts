import { jobStatus } from '../../services/jobs/job-status'
import { adminProcedure } from '../../trpc'

export const getJobStatusRoute = adminProcedure.query(({ ctx }) => jobStatus({ ctx }))
