import { noticeTemplates } from '../../services/notices/record-grants'
import { authedProcedure } from '../../trpc'

export const listTemplatesRoute = authedProcedure.query(({ ctx }) => noticeTemplates({ ctx }))
