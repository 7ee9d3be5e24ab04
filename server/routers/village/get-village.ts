import { ZById } from '../../../common/contracts/fields'
import { getVillage } from '../../services/villages/get-village'
import { staffProcedure } from '../../trpc'

export const getVillageRoute = staffProcedure.input(ZById).query(({ ctx, input }) => getVillage({ ctx, id: input.id }))
