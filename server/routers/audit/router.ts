import { router } from '../../trpc'
import { listAuditRoute } from './list-audit'
import { latestVerificationRoute, verifyAuditRoute } from './verification'

export const auditRouter = router({
  list: listAuditRoute,
  verification: latestVerificationRoute,
  verify: verifyAuditRoute,
})
