import { removePhoto } from '../../services/photos/remove-photo'
import { staffProcedure } from '../../trpc'
import { ZRemovePhotoRequestSchema } from './remove-photo.types'

export const removePhotoRoute = staffProcedure
  .input(ZRemovePhotoRequestSchema)
  .mutation(({ ctx, input }) => removePhoto({ ctx, input, storage: ctx.photos?.storage }))
