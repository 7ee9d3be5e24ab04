import { ZById } from '../../../common/contracts/fields'
import { getOrg } from '../../services/orgs/get-org'
import { staffProcedure } from '../../trpc'

export const getOrgRoute = staffProcedure.input(ZById).query(({ ctx, input }) => getOrg({ ctx, id: input.id }))
