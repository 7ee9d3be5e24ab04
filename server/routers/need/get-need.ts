import { ZById } from '../../../common/contracts/fields'
import { getNeed } from '../../services/needs/get-need'
import { staffProcedure } from '../../trpc'

export const getNeedRoute = staffProcedure.input(ZById).query(({ ctx, input }) => getNeed({ ctx, id: input.id }))
