import { ZById } from '../../../common/contracts/fields'
import { getMyNeed } from '../../services/residents/resident-needs'
import { residentProcedure } from '../../trpc'

export const getMyNeedRoute = residentProcedure.input(ZById).query(({ ctx, input }) => getMyNeed({ ctx, id: input.id }))
