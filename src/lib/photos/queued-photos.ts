// Photos go up through the offline queue like every other write: an item
// 'photo.upload' names the record and the photo kept on the device, and waits behind the record's
// own create (a visit saved offline; a handover, queued behind its signature). The server keeps
// one Photo per record and content hash, so an upload replayed after a lost answer or an app kill
// is recorded once (docs/photos.md).
// Refusals come back shaped as the tRPC client's errors, so that classify-error.ts sorts them:
// 4xx stops the item with the server's Chinese message, 5xx and no answer are retried.
import type { HttpErrorBody } from '../../../common/contracts/errors'
import { exportUrl } from '../export-response'
import type { OfflineQueue } from '../offline-queue/queue'
import type { QueueItem } from '../offline-queue/types'
import { readSession } from '../session'
import type { DevicePhoto } from './device-photo-types'
import { dropPhoto, hasPhoto, sweepPhotos, uploadPhoto } from './photo-store'
import { PHOTO_UPLOAD } from './photo-upload'

export const UPLOAD_PATH = '/uploads/photo'

/** The record a photo belongs to: exactly one. */
export type PhotoTarget = { activityId: string } | { visitId: string } | { donationId: string } | { handoverId: string }

export type QueuedPhotoInput = PhotoTarget & { path: string; takenAt: string; capturedPlace?: string }

const refusal = (httpStatus: number, appCode: string, message: string) =>
  Object.assign(new Error(message), { data: { httpStatus, appCode } })

const targetQuery = (input: Record<string, unknown>) => {
  const pick = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined)
  return {
    activityId: pick('activityId'),
    visitId: pick('visitId'),
    donationId: pick('donationId'),
    handoverId: pick('handoverId'),
    takenAt: pick('takenAt'),
    capturedPlace: pick('capturedPlace'),
  }
}

/** The queue's transport for PHOTO_UPLOAD items: resolves with the Photo, or throws as tRPC would. */
export const sendQueuedPhoto = async (input: Record<string, unknown>): Promise<unknown> => {
  const path = typeof input.path === 'string' ? input.path : ''
  const session = readSession()
  // 401 waits (the queue sends it once the person has signed in again).
  if (!session) throw refusal(401, 'UNAUTHORIZED', '登录已过期，请重新登录后同步')
  if (!path || !(await hasPhoto(path)))
    throw refusal(410, 'PHOTO_FILE_LOST', '照片已不在手机上（可能被系统清理），请放弃此项后重新拍摄上传')
  const answer = await uploadPhoto(path, exportUrl(UPLOAD_PATH, targetQuery(input)), session.token)
  if (answer.status >= 200 && answer.status < 300) return answer.body
  const error = (answer.body as Partial<HttpErrorBody> | null)?.error
  throw refusal(
    answer.status,
    error?.code ?? (answer.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'PHOTO_UPLOAD_FAILED'),
    error?.message ?? '照片上传失败，请稍后重试',
  )
}

/** Queues the photos of a record just saved (or queued); they go up after it. */
export const queuePhotos = (queue: OfflineQueue, target: PhotoTarget, photos: readonly DevicePhoto[]) => {
  for (const photo of photos) {
    const input: QueuedPhotoInput = {
      ...target,
      path: photo.path,
      takenAt: photo.takenAt,
      ...(photo.capturedPlace ? { capturedPlace: photo.capturedPlace } : {}),
    }
    queue.enqueue(PHOTO_UPLOAD, input)
  }
}

/** Once uploaded, the device's copy is no longer needed. */
export const forgetUploadedPhoto = (item: QueueItem) => {
  if (item.procedure === PHOTO_UPLOAD && typeof item.input.path === 'string') void dropPhoto(item.input.path)
}

/** At launch: the kept photos that no queued upload needs any more. */
export const sweepUnqueuedPhotos = (items: readonly QueueItem[]) =>
  sweepPhotos(
    new Set(
      items
        .filter((i) => i.procedure === PHOTO_UPLOAD && typeof i.input.path === 'string')
        .map((i) => String(i.input.path)),
    ),
  ).catch(() => undefined)
