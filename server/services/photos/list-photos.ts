import type { TListPhotosRequest } from '../../../common/contracts/photo/list-photos'
import type { ServiceContext } from '../service-context'
import { assertRecordVisible, photoTargetOf, targetColumn } from './photo-records'
import { photoSelect, photoView } from './photo-views'

/** The photos of a record the caller sees, oldest first; NOT_FOUND for a record out of scope. */
export const listPhotos = async ({ ctx, input }: { ctx: ServiceContext; input: TListPhotosRequest }) => {
  const target = photoTargetOf(input)
  await assertRecordVisible(ctx, target)
  const photos = await ctx.db.photo.findMany({
    where: { [targetColumn[target.kind]]: target.id },
    select: photoSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return { items: photos.map(photoView) }
}
