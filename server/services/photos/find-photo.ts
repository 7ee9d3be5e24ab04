import { AppError } from '../../errors'
import type { ServiceContext } from '../service-context'
import { photoScope } from './photo-records'

/** A photo whose record the caller sees, with its blob keys; NOT_FOUND otherwise. */
export const findVisiblePhoto = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const photo = await ctx.db.photo.findFirst({
    where: { AND: [{ id }, photoScope(ctx.actor)] },
    select: { id: true, sha256: true, mime: true, bytes: true, storageKey: true, thumbnailKey: true },
  })
  if (!photo) throw new AppError('NOT_FOUND')
  return photo
}
