// What both targets' photo modules share (capture-photos, photo-store).
import { capturedPlaceOf, type StampInfo } from './watermark'

export type PhotoSource = 'camera' | 'album'

/** A photo kept on the device, stamped, waiting to go up (or gone up) with its record. */
export type DevicePhoto = {
  /** A file in the mini-program's user data; on H5, `idb:<id>` (IndexedDB). */
  path: string
  width: number
  height: number
  /** When it was taken (ISO 8601), as stamped. */
  takenAt: string
  /** 拍摄地点 as the server keeps it: the village or the shared place, and coordinates. */
  capturedPlace?: string
}

export type UploadAnswer = { status: number; body: unknown }

/** The photo as kept: where, its size once fitted, and when and where the stamp says it was taken. */
export const keptPhoto = (path: string, size: { width: number; height: number }, stamp: StampInfo): DevicePhoto => {
  const capturedPlace = capturedPlaceOf(stamp)
  return { path, ...size, takenAt: stamp.takenAt.toISOString(), ...(capturedPlace ? { capturedPlace } : {}) }
}
