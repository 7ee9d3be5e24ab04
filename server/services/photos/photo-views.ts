// What clients get of a photo: its metadata and where to download it. The blob keys stay inside.
import type { Prisma } from '../../generated/prisma/client'

export const photoSelect = {
  id: true,
  sha256: true,
  mime: true,
  width: true,
  height: true,
  bytes: true,
  thumbnailBytes: true,
  activityId: true,
  visitId: true,
  donationId: true,
  handoverId: true,
  uploadedById: true,
  takenAt: true,
  capturedPlace: true,
  createdAt: true,
} satisfies Prisma.PhotoSelect

export type PhotoRow = Prisma.PhotoGetPayload<{ select: typeof photoSelect }>

export const photoUrl = (id: string) => `/photos/${id}`
export const thumbnailUrl = (id: string) => `/photos/${id}/thumb`

export const photoView = (photo: PhotoRow) => ({
  ...photo,
  url: photoUrl(photo.id),
  thumbnailUrl: thumbnailUrl(photo.id),
})
export type PhotoView = ReturnType<typeof photoView>

/** The audit trail's view: the record, the file's hash, type and size; no place, no time taken. */
export const auditedPhoto = (photo: PhotoRow) => ({
  activityId: photo.activityId,
  visitId: photo.visitId,
  donationId: photo.donationId,
  handoverId: photo.handoverId,
  sha256: photo.sha256,
  mime: photo.mime,
  width: photo.width,
  height: photo.height,
  bytes: photo.bytes,
})
