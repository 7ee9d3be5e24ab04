// H5: the photo half of the offline queue, loaded when first needed (a photo to send, the sweep
// after launch), not with the first screen. The mini-program's is photo-queue-module.ts.
import type * as queuedPhotos from './queued-photos'

export const loadPhotoQueue = (): Promise<typeof queuedPhotos> => import('./queued-photos')
