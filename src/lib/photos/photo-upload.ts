/** The offline queue's item for a photo to upload (queued-photos.ts sends it). */
export const PHOTO_UPLOAD = 'photo.upload'
