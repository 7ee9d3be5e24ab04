import { agreePrivacy } from '../../services/auth/agree-privacy'
import { authedProcedure } from '../../trpc'
import { ZAgreePrivacyRequestSchema } from './agree-privacy.types'

export const agreePrivacyRoute = authedProcedure
  .input(ZAgreePrivacyRequestSchema)
  .mutation(({ ctx, input }) => agreePrivacy({ ctx, input }))
