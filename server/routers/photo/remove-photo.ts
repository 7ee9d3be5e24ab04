import { ZRemovePhotoRequestSchema } from '../../../common/contracts/photo/remove-photo'
import { removePhoto } from '../../services/photos/remove-photo'
import { staffProcedure } from '../../trpc'

export const removePhotoRoute = staffProcedure
  .input(ZRemovePhotoRequestSchema)
  .mutation(({ ctx, input }) => removePhoto({ ctx, input, storage: ctx.photos?.storage }))
