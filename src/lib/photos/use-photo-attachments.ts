// A form's 现场照片: what the person has added, and, once the record is saved (or queued), the
// uploads queued after it.
import { useState } from 'react'
import { useOfflineQueue } from '../offline-queue/context'
import type { DevicePhoto } from './device-photo-types'
import { type PhotoTarget, queuePhotos } from './queued-photos'

export const usePhotoAttachments = () => {
  const queue = useOfflineQueue()
  const [photos, setPhotos] = useState<DevicePhoto[]>([])
  return {
    photos,
    setPhotos,
    /** Queues the photos for the saved record; the form forgets them (the queue has them now). */
    queueFor: (target: PhotoTarget) => {
      queuePhotos(queue, target, photos)
      setPhotos([])
    },
  }
}
