import { listPhotos } from '../../services/photos/list-photos'
import { staffProcedure } from '../../trpc'
import { ZListPhotosRequestSchema } from './list-photos.types'

export const listPhotosRoute = staffProcedure
  .input(ZListPhotosRequestSchema)
  .query(({ ctx, input }) => listPhotos({ ctx, input }))
