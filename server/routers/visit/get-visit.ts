import { ZById } from '../../../common/contracts/fields'
import { getVisit } from '../../services/visits/get-visit'
import { staffProcedure } from '../../trpc'

export const getVisitRoute = staffProcedure.input(ZById).query(({ ctx, input }) => getVisit({ ctx, id: input.id }))
