// The photo half of the offline queue (queued-photos.ts), for app-queue.ts. In the mini-program
// it is part of the main package anyway; H5 loads it when first needed (photo-queue-module.h5.ts),
// keeping IndexedDB and upload code out of the first screen's JavaScript.
import * as queuedPhotos from './queued-photos'

export const loadPhotoQueue = (): Promise<typeof queuedPhotos> => Promise.resolve(queuedPhotos)
