import { ZAgreePrivacyRequestSchema } from '../../../common/contracts/auth/agree-privacy'
import { agreePrivacy } from '../../services/auth/agree-privacy'
import { authedProcedure } from '../../trpc'

export const agreePrivacyRoute = authedProcedure
  .meta({ beforePasswordChange: true })
  .input(ZAgreePrivacyRequestSchema)
  .mutation(({ ctx, input }) => agreePrivacy({ ctx, input }))
