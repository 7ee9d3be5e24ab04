import { listVillages } from '../../services/villages/list-villages'
import { staffProcedure } from '../../trpc'

export const listVillagesRoute = staffProcedure.query(({ ctx }) => listVillages({ ctx }))
