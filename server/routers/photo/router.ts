// Photos as evidence (docs/photos.md). Uploads and downloads are plain HTTP (server/http/photos.ts).
import { router } from '../../trpc'
import { listPhotosRoute } from './list-photos'
import { removePhotoRoute } from './remove-photo'

export const photoRouter = router({
  listFor: listPhotosRoute,
  remove: removePhotoRoute,
})
