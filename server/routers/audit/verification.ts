import { latestVerification, verifyAuditNow } from '../../services/audit/audit-verifications'
import { adminProcedure } from '../../trpc'

export const latestVerificationRoute = adminProcedure.query(({ ctx }) => latestVerification({ ctx }))

/** Not replayed from a stored result: asking again checks again. */
export const verifyAuditRoute = adminProcedure
  .meta({ replayable: false })
  .mutation(({ ctx }) => verifyAuditNow({ ctx }))
