import { ZListPhotosRequestSchema } from '../../../common/contracts/photo/list-photos'
import { listPhotos } from '../../services/photos/list-photos'
import { staffProcedure } from '../../trpc'

export const listPhotosRoute = staffProcedure
  .input(ZListPhotosRequestSchema)
  .query(({ ctx, input }) => listPhotos({ ctx, input }))
