// What both targets' device-photos modules share.

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
